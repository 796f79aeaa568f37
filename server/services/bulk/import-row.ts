/** The imports row every import writes (master imports through the write service's bulk part too). */
import { imports } from '../../../schema/tables';
import type { ServiceContext } from '../context';

export interface ImportRowValues {
  kind: string;
  file_name: string;
  sha256: string;
  size: number;
  format: string;
  encoding: string | null;
  sheet: string | null;
  header_row: number;
  mapping: unknown;
  counts: unknown;
  stored_path: string;
}

/**
 * Inserts the imports row and returns its id (the caller is inside a transaction).
 * @db-sync the SQLite bulk merge calls it inside its synchronous transaction.
 */
export function insertImportRow(ctx: ServiceContext, values: ImportRowValues, status: 'done' | 'running' = 'done'): number {
  return (importRowInsert(ctx, values, status).get() as { id: number }).id;
}

/** insertImportRow on either engine (awaited: a PostgreSQL statement is a promise). */
export async function createImportRow(ctx: ServiceContext, values: ImportRowValues, status: 'done' | 'running' = 'done'): Promise<number> {
  return ((await importRowInsert(ctx, values, status).get()) as { id: number }).id;
}

function importRowInsert(ctx: ServiceContext, values: ImportRowValues, status: 'done' | 'running') {
  const now = ctx.clock.now().toISOString();
  return ctx.db
    .insert(imports)
    .values({
      ...values,
      status,
      created_at: now,
      created_by: ctx.actor.id,
      updated_at: now,
      updated_by: ctx.actor.id,
    } as never)
    .returning({ id: imports.id });
}
