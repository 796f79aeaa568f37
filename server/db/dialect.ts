/**
 * Hand-written SQL that differs between the engines, one helper per construct (issue #17; the call sites are
 * listed in docs/postgres-port.md). Each helper returns a Drizzle `sql` fragment for the engine behind the `Db`;
 * columns go in as the SQLite column objects the services hold (the PostgreSQL adapter swaps them, pg-db.ts).
 * What both engines read alike needs no helper and is written once: FALSE/TRUE (not 0/1),
 * `IS NOT DISTINCT FROM`, `INSERT … ON CONFLICT DO NOTHING`, `UPDATE … FROM`.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Dialect } from './engine';
import { type Db, engineOf } from './index';

type Expr = SQLWrapper | SQL;

/** A calendar day YYYY-MM-DD (its first ten characters, trimmed) with the month and the day in range. */
const DAY_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

export interface DialectSql {
  readonly dialect: Dialect;
  /**
   * How many rows of the group satisfy `cond` — for SQLite's `SUM(cond)`, which reads a boolean as 0/1 (PostgreSQL
   * has no sum(boolean)). The same SQL on both (SQLite ≥ 3.30 knows FILTER); a number on both (the pg engine reads int8).
   */
  countWhere(cond: Expr): SQL<number>;
  /** the larger of the values (SQLite's two-argument scalar `max(a, b)`; PostgreSQL GREATEST). NULL in: NULL out on SQLite only — COALESCE first. */
  greatest(...xs: Expr[]): SQL;
  /**
   * The calendar day of a stored date or timestamp as SQLite's `date(substr(trim(x), 1, 10))` reads it: the
   * first ten characters as YYYY-MM-DD (a day past the month's end rolls over: 02-30 → 03-01), NULL when unreadable.
   * Year 0000 differs: SQLite reads it, PostgreSQL has no year 0 (NULL) — no business date is that old.
   */
  day(x: Expr): SQL<string | null>;
  /** `day` plus `days` days, YYYY-MM-DD (SQLite `date(d, '+' || n || ' days')`) */
  addDays(day: Expr, days: Expr | number): SQL<string | null>;
  /** the current time as the app stores timestamps: ISO 8601 UTC with milliseconds, `…Z` */
  nowIso(): SQL<string>;
  /** `x` is one of `values` (SQLite: a JSON array through json_each; PostgreSQL: an array parameter) */
  inList(x: Expr, values: readonly (number | string)[]): SQL;
  /**
   * An ORDER BY key putting Chinese text in pinyin order. SQLite: zh_sort() (server/zh-sort.ts, per character, from
   * Node's Intl.Collator('zh')). PostgreSQL: the ICU collation zh-Hans (fast, indexable) — the same order for names
   * except where the collator reads a word (重庆 as chongqing, as Intl.Collator does) and for scripts other than
   * Han, Latin and digits (Greek, Cyrillic: zh_sort keeps their code point, before the ideographs; ICU puts them after Latin).
   * A PL/pgSQL copy of zh_sort was measured at 2.5–7 ms a value (translate() or a 21k-entry rank array): unusable.
   */
  zhSort(x: Expr): SQL;
  /** the JSON text column holds an array with the string `value` among its elements */
  jsonArrayHas(col: Expr, value: string): SQL;
  /** the value at `key` of the JSON object in the text column, as text; NULL when missing or JSON null (SQLite json_extract) */
  jsonField(col: Expr, key: string): SQL;
  /** LIKE ignoring the case of Latin letters, as SQLite's LIKE does (PostgreSQL ILIKE); `\` escapes % and _ */
  likeCi(x: Expr, pattern: string): SQL;
  /** one row when the table exists, none otherwise (SQLite sqlite_master; PostgreSQL to_regclass) */
  tableExists(name: string): SQL;
  /** the highest id the table has handed out, deleted rows included (SQLite sqlite_sequence; PostgreSQL its identity sequence) */
  idHighWater(table: string): SQL<number>;
  /**
   * After rows were written with explicit ids: PostgreSQL moves the identity sequence past them (SQLite's
   * AUTOINCREMENT follows by itself: null).
   */
  syncIdSequence(table: string): SQL | null;
  /**
   * `x` rounded to two decimals as the app's cents() rounds in JavaScript (Math.round(x * 100) / 100 on the double:
   * 2.675 → 2.68, as 2.675 * 100 is 267.5), half away from zero. Not SQLite's round(x, 2), which rounds the
   * double's exact decimal expansion (2.67499… → 2.67), nor PostgreSQL's (numeric only, the shortest decimal).
   */
  round2(x: Expr): SQL<number>;
}

const sqliteSql: DialectSql = {
  dialect: 'sqlite',
  countWhere: (cond) => sql<number>`count(*) FILTER (WHERE ${cond})`,
  greatest: (...xs) => sql`max(${sql.join(xs, sql`, `)})`,
  day: (x) => sql<string | null>`date(substr(trim(${x}), 1, 10))`,
  addDays: (day, days) => sql<string | null>`date(${day}, '+' || (${days}) || ' days')`,
  nowIso: () => sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ')`,
  inList: (x, values) => sql`${x} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  jsonArrayHas: (col, value) => sql`EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ${value})`,
  jsonField: (col, key) => sql`json_extract(${col}, ${`$.${key}`})`,
  likeCi: (x, pattern) => sql`${x} LIKE ${pattern} ESCAPE '\\'`,
  zhSort: (x) => sql`zh_sort(${x})`,
  tableExists: (name) => sql`SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = ${name}`,
  idHighWater: (table) =>
    sql<number>`max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ${table}), 0), COALESCE((SELECT max(id) FROM ${sql.identifier(table)}), 0))`,
  syncIdSequence: () => null,
  round2: (x) => sql<number>`((CASE WHEN (${x}) < 0 THEN -1 ELSE 1 END) * CAST(abs(${x}) * 100 + 0.5 AS INTEGER) / 100.0)`,
};

/** The identity sequence of `table`.id (regclass text, quoted as a string literal). */
const seq = (table: string) => sql`pg_get_serial_sequence(${sql.raw(`'${table.replace(/'/g, "''").replace(/"/g, '""')}'`)}, 'id')`;

const pgSql: DialectSql = {
  dialect: 'postgres',
  countWhere: (cond) => sql<number>`count(*) FILTER (WHERE ${cond})`,
  greatest: (...xs) => sql`GREATEST(${sql.join(xs, sql`, `)})`,
  // make_date(y, m, 1) + (d - 1) rolls a day past the month's end over as SQLite's date() does
  day: (x) => {
    const d = sql`substr(trim(${x}), 1, 10)`;
    return sql<string | null>`(CASE WHEN ${d} ~ ${DAY_PATTERN} AND substr(${d}, 1, 4) <> '0000'
      THEN to_char(make_date(substr(${d}, 1, 4)::int, substr(${d}, 6, 2)::int, 1) + (substr(${d}, 9, 2)::int - 1), 'YYYY-MM-DD') END)`;
  },
  addDays: (day, days) => sql<string | null>`to_char((${day})::date + (${days})::int, 'YYYY-MM-DD')`,
  nowIso: () => sql<string>`to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  inList: (x, values) => sql`${x} = ANY(${sql.param(values)})`,
  jsonArrayHas: (col, value) =>
    sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof((${col})::jsonb) = 'array' THEN (${col})::jsonb END) AS e(value) WHERE e.value = ${value})`,
  jsonField: (col, key) => sql`((${col})::jsonb ->> ${key})`,
  likeCi: (x, pattern) => sql`${x} ILIKE ${pattern} ESCAPE '\\'`,
  zhSort: (x) => sql`${x} COLLATE "zh-Hans-x-icu"`,
  tableExists: (name) => sql`SELECT 1 AS present WHERE to_regclass(${name}) IS NOT NULL`,
  idHighWater: (table) =>
    sql<number>`GREATEST(COALESCE(pg_sequence_last_value(${seq(table)}), 0), COALESCE((SELECT max(id) FROM ${sql.identifier(table)}), 0))`,
  syncIdSequence: (table) => sql`SELECT setval(${seq(table)}, COALESCE((SELECT max(id) FROM ${sql.identifier(table)}), 0) + 1, false)`,
  round2: (x) => sql<number>`(sign((${x})::float8) * floor(abs((${x})::float8) * 100 + 0.5) / 100)`,
};

/** The helpers for one engine. */
export function sqlFor(dialect: Dialect): DialectSql {
  return dialect === 'postgres' ? pgSql : sqliteSql;
}

/** The helpers for the engine behind `db`. */
export const sqlOf = (db: Db): DialectSql => sqlFor(engineOf(db).dialect);
