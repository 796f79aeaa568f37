/** Building blocks of the rule families: `rule()` turns a test returning issues into a catalogue rule. */
import { audited } from '../legacy';
import type { RuleContext } from './context';
import { dateOf } from './dates';
import type { BatchRow, CustomerRow, Finding, Id, ProductRow, RecordKind, RecordViews, Rule, RuleMeta, SaleLineView, SalespersonRow } from './types';

/** What a rule's test reports: the fields involved and the message (what is wrong and what fixes it). */
export interface Issue {
  fields: string[];
  zh: string;
  en: string;
  params?: Record<string, string | number>;
}

interface RuleSpec<K extends RecordKind> extends RuleMeta {
  appliesTo: K;
  periodic?: boolean;
  timeDriven?: boolean;
  test(record: RecordViews[K], ctx: RuleContext): Issue | readonly Issue[] | null | undefined | false;
}

/** A rule's answer when it finds nothing: one frozen array instead of a new one per check (37 rules × every line). */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export function rule<K extends RecordKind>(spec: RuleSpec<K>): Rule<K> {
  const { test, ...meta } = spec;
  return {
    ...meta,
    check(record, ctx): readonly Finding[] {
      const out = test(record, ctx);
      if (!out) return NO_FINDINGS;
      const issues: readonly Issue[] = Array.isArray(out) ? out : [out as Issue];
      return issues.map((i) => ({
        code: meta.code,
        severity: meta.severity,
        fields: i.fields,
        message: { zh: i.zh, en: i.en },
        source: meta.source,
        ...(i.params ? { params: i.params } : {}),
      }));
    },
  };
}

export const blank = (v: unknown): boolean => v == null || (typeof v === 'string' && v.trim() === '');
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `阿莫西林胶囊 0.25g×24粒` — how a product is named in messages. */
export function productName(p: ProductRow | undefined): string {
  if (!p) return '（未知品种）';
  return [p.generic_name || p.trade_name || `#${p.id}`, p.spec].filter(Boolean).join(' ');
}
export function customerName(c: CustomerRow | undefined, id?: Id | null): string {
  return c?.name ?? (id != null ? `#${id}` : '（未填写）');
}
export function personName(s: SalespersonRow | undefined, id?: Id | null): string {
  return s?.name ?? (id != null ? `#${id}` : '（未填写）');
}

/** The master records a sales line points to, looked up once per rule. */
export interface LineParts {
  customer?: CustomerRow;
  product?: ProductRow;
  batch?: BatchRow;
  salesperson?: SalespersonRow;
  /** the sale date; as-of when the line has none (RECORD_INCOMPLETE reports that) */
  date: string;
}
// Every line rule starts with parts(): the rules of one line run back to back, so each context keeps its
// last answer, reused while the line object and the fields it was built from are the same. Kept per
// context in a WeakMap: nothing outlives the context (an import's master data is freed with it).
const last = new WeakMap<RuleContext, { line: SaleLineView; key: readonly unknown[]; parts: LineParts }>();

/** Drops the context's kept parts: its look-ups answer more now (a context loading asynchronously, server/services/rules/sql-context.ts). */
export function forgetParts(ctx: RuleContext): void {
  last.delete(ctx);
}

export function parts(line: SaleLineView, ctx: RuleContext): LineParts {
  const l = last.get(ctx);
  if (
    l &&
    l.line === line &&
    l.key[0] === line.customer &&
    l.key[1] === line.product &&
    l.key[2] === line.batch &&
    l.key[3] === line.salesperson &&
    l.key[4] === line.sale_date &&
    l.key[5] === ctx.asOf
  )
    return l.parts;
  const p: LineParts = {
    // a legacy sale is audited on what the legacy system recorded (trusted facts: schema/legacy.ts)
    customer: line.customer != null ? audited(ctx.customer(line.customer), line.legacy) : undefined,
    product: line.product != null ? audited(ctx.product(line.product), line.legacy) : undefined,
    batch: line.batch != null ? ctx.batch(line.batch) : undefined,
    salesperson: line.salesperson != null ? ctx.salesperson(line.salesperson) : undefined,
    date: dateOf(line.sale_date) ?? ctx.asOf,
  };
  last.set(ctx, { line, key: [line.customer, line.product, line.batch, line.salesperson, line.sale_date, ctx.asOf], parts: p });
  return p;
}

/** Same person, allowing a role prefix on one side (`库管员 孙立` = `孙立`). */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = (a ?? '').replace(/\s+/g, '');
  const y = (b ?? '').replace(/\s+/g, '');
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 2 && long.endsWith(short);
}
