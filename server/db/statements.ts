import type Database from 'better-sqlite3';

/**
 * Drizzle prepares every query it runs anew; preparing is the single largest cost of a small write here
 * (~18% of the demo seed). Statements are cached per connection by SQL text and handed out in default mode
 * (Drizzle switches raw mode on where it wants it). Bounded, so ad-hoc SQL cannot grow it without limit.
 */
export function cachePreparedStatements(sqlite: Database.Database, max = 2000): Database.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    } else if (stmt.reader) {
      stmt.raw(false);
      stmt.pluck(false);
      stmt.expand(false);
    }
    return stmt;
  }) as typeof sqlite.prepare;
  return sqlite;
}
