/**
 * What the importing user may do in a sales-ledger import, resolved ONCE per import (no per-row SQL): the
 * permission matrix for each record kind the ledger writes or would create as pending, the own-record
 * scope on sales orders (a salesperson imports only rows whose 业务员 is themselves), whether batch status
 * may be set, and whether the approvals/reviews the ledger records are trusted legacy facts (schema/legacy.ts).
 */
import { eq } from 'drizzle-orm';
import { canGrant, type LegacyFacts } from '../../../schema/legacy';
import { can, canSetField, ownScope } from '../../../schema/permissions';
import { salespeople } from '../../../schema/tables';
import type { Db } from '../../../server/db';
import type { Actor } from '../../../server/services/context';
import { keyText } from './master-data';

export type PendingKind = 'customers' | 'products' | 'batches' | 'salespeople';

export interface LedgerGuard {
  /** the user's own salesperson name (keyText) when their create scope on orders is their own; else null */
  ownName: string | null;
  ownId: number | null;
  scoped: boolean;
  mayCreate: Record<PendingKind, boolean>;
  /** a batch the ledger creates: qualified only when the user may set batch quality status (QA, admin) */
  batchStatus: 'qualified' | 'quarantined';
  /** per step record, whether the user's roles could grant it here */
  trust: { outbound_slips: boolean; sales_lines: boolean; special_checks: boolean };
  file: string;
  /** the file name as a JSON string, once */
  fileJson: string;
  by: string;
}

export async function ledgerGuard(db: Db, actor: Actor, file: string): Promise<LedgerGuard> {
  const roles = actor.roles;
  const scoped = ownScope(roles, 'sales_orders', 'create') != null;
  const own =
    scoped && actor.salesperson != null
      ? ((await db.select({ id: salespeople.id, name: salespeople.name }).from(salespeople).where(eq(salespeople.id, actor.salesperson)).get()) as
          | { id: number; name: string }
          | undefined)
      : undefined;
  return {
    scoped,
    ownId: own?.id ?? null,
    ownName: own ? keyText(own.name) : null,
    mayCreate: {
      customers: can(roles, 'customers', 'create'),
      products: can(roles, 'products', 'create'),
      batches: can(roles, 'batches', 'create'),
      salespeople: can(roles, 'salespeople', 'create'),
    },
    batchStatus: canSetField(roles, 'batches', 'status') ? 'qualified' : 'quarantined',
    trust: {
      outbound_slips: canGrant(roles, 'outbound_slips'),
      sales_lines: canGrant(roles, 'sales_lines'),
      special_checks: canGrant(roles, 'special_checks'),
    },
    file,
    fileJson: JSON.stringify(file),
    by: actor.username,
  };
}

/**
 * Legacy facts of one step record (null when the row recorded none). Called per slip, line and check of a
 * million-row ledger: no more than the object itself is allocated.
 */
export function factsFor(
  g: LedgerGuard,
  kind: keyof LedgerGuard['trust'],
  row: number,
  field: string,
  value: unknown,
  field2?: string,
  value2?: unknown,
): LegacyFacts | null {
  const has1 = value != null && value !== '';
  const has2 = field2 !== undefined && value2 != null && value2 !== '';
  if (!has1 && !has2) return null;
  const fields: Record<string, unknown> = {};
  if (has1) fields[field] = value;
  if (has2) fields[field2!] = value2;
  return { file: g.file, rows: [row], by: g.by, trusted: g.trust[kind], fields };
}

/**
 * The same facts as the token a window carries (rules-eval.ts factsToken), made without the object:
 * `[row, trusted, field, value …]`, null when the row recorded none.
 */
export function factsTokenOf(g: LedgerGuard, kind: keyof LedgerGuard['trust'], row: number, field: string, value: unknown): unknown[] | null {
  return value != null && value !== '' ? [row, g.trust[kind], field, value] : null;
}
