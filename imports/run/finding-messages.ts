/**
 * The findings table keeps the Chinese message only (QA works in Chinese). A master-data import reported in
 * English re-evaluates the rules of the records that got findings — once per record, inside the import's
 * transaction, so the records are exactly those the findings came from — and takes each finding's English
 * message by rule code and fields. Master files are small; the ledger carries both languages already.
 */
import { evaluate, type RecordKind } from '../../schema/rules';
import type { Lang } from '../../schema/messages';
import type { Db } from '../../server/db';
import { createSqlContext } from '../../server/services/rules/sql-context';
import { saleLineViews, viewOf } from '../../server/services/rules/views';

interface StoredFinding { record_id: number | null; rule: string; fields: string[] | null; message: string }

const key = (rule: string, fields: readonly string[] | null | undefined) => `${rule}|${[...(fields ?? [])].join(',')}`;

/** A function giving the message of a stored finding in `lang` (the stored Chinese one when not found). */
export function findingMessages(db: Db, today: string, resource: string, lang: Lang, found: readonly StoredFinding[]): (f: StoredFinding) => string {
  if (lang === 'zh' || !found.length) return (f) => f.message;
  const rc = createSqlContext(db, today);
  const byRecord = new Map<number, Map<string, string>>();
  const messagesOf = (id: number): Map<string, string> => {
    let m = byRecord.get(id);
    if (m) return m;
    m = new Map();
    byRecord.set(id, m);
    const view = resource === 'sales_lines'
      ? (() => { const line = viewOf(db, 'sales_lines', id); return line ? saleLineViews(db, line.order as number).find((v) => v.id === id) : undefined; })()
      : viewOf(db, resource as RecordKind, id);
    if (view) for (const f of evaluate(resource as RecordKind, view as never, rc)) m.set(key(f.code, f.fields), f.message.en);
    return m;
  };
  return (f) => (f.record_id == null ? undefined : messagesOf(f.record_id).get(key(f.rule, f.fields))) ?? f.message;
}
