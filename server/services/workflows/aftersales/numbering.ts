/** Automatic document numbers: PREFIX-YYYYMM-NNN, the next free sequence number of that month. */
import type { AnyTable } from '../../../../schema/define';
import type { Db } from '../../../db';
import { sqlOf } from '../../../db/dialect';

const blank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '');

export async function nextNumber(db: Db, table: AnyTable, column: string, prefix: string, date: string): Promise<string> {
  const head = `${prefix}-${date.slice(0, 4)}${date.slice(5, 7)}-`;
  const used = (await db
    .select({ no: table[column] })
    .from(table)
    // as SQLite's LIKE, ignoring the case of the letters (a hand-typed lower-case number counts too)
    .where(sqlOf(db).likeCi(table[column], `${head}%`))
    .all()) as { no: string }[];
  const max = used.reduce((m, r) => Math.max(m, Number(r.no.slice(head.length)) || 0), 0);
  return `${head}${String(max + 1).padStart(3, '0')}`;
}

/** The input with `column` numbered when the client left it empty (dated by `dateField`, else today). */
export async function withNumber(
  db: Db,
  table: AnyTable,
  input: Record<string, unknown>,
  column: string,
  prefix: string,
  dateField: string | null,
  today: string,
) {
  if (!blank(input[column])) return input;
  const d = dateField && typeof input[dateField] === 'string' && /^\d{4}-\d{2}/.test(input[dateField] as string) ? (input[dateField] as string) : today;
  return { ...input, [column]: await nextNumber(db, table, column, prefix, d) };
}
