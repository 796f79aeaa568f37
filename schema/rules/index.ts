/**
 * The GSP rule catalogue of RULES.md as pure functions. `evaluate(kind, record, ctx)` runs every rule that
 * applies to a record kind; the caller attaches the record id / import row and stores the findings.
 */
import { aftersalesRules } from './aftersales';
import { buyerRules } from './buyer';
import { contractRules } from './contract';
import type { RuleContext } from './context';
import { fulfilmentRules } from './fulfilment';
import { priceRules } from './price';
import { productRules } from './product';
import { importDocRules } from './import-docs';
import { recordRules } from './record';
import { approvalRules } from './approval';
import { sellerRules } from './seller';
import { specialRules } from './special';
import { afterSalesRecordRules } from './after-sales-records';
import { correctiveRules, staffRules } from './staff';
import type { Finding, RecordKind, RecordViews, Rule, RuleMeta } from './types';

export type { RuleContext } from './context';
export * from './types';
export { RULE_SETTING_DEFAULTS, resolveSettings, type RuleSettings } from './settings';
export { createMemoryContext, type MemoryData, type MemoryContext, type MemoryRow } from './memory-context';
export { looksLikePersonName, looksLikeIndividual } from './person-name';
export { expiringWithin, expiryWindow, EXPIRY_FIELDS } from './expiry';
export { productCategory, permittedLicenceKinds, licenceCovers, scopeCategories, splitList } from './scope';
export { addDays, dateOf, daysBetween, isIsoDate, withinValidity } from './dates';
export { isSpecial } from './special';
export { APPROVAL_SUPERSEDED } from './approval';
export { PRODUCT_IMPORT_DOCS_MISSING, missingImportDocs } from './import-docs';
export { buyerLicenceState } from './buyer';
export { qualificationGaps } from './staff';
export { saleLineViewsFor } from './sale-line-view';

/**
 * Every rule, in RULES.md order. A code may have one rule per record kind it applies to
 * (CONTRACT_UNAPPROVED: the contract used by a sale, and a contract marked signed).
 */
export const RULES: readonly Rule[] = [
  ...buyerRules,
  ...sellerRules,
  ...productRules,
  ...importDocRules,
  ...recordRules,
  ...approvalRules,
  ...priceRules,
  ...contractRules,
  ...specialRules,
  ...fulfilmentRules,
  ...aftersalesRules,
  ...afterSalesRecordRules,
  ...staffRules,
  ...correctiveRules,
];

/**
 * What a `sales-ledger` import evaluates per row (RULES.md): every sales-line rule, and the outbound-slip
 * rules (OUTBOUND_NOT_REVIEWED, RECEIPT_UNCONFIRMED, SPECIAL_ARRIVAL_UNCONFIRMED) on the row's slip.
 * CONTRACT_TERMS_MISSING only runs when a contract itself is imported.
 */
export const SALES_LEDGER_KINDS = ['sales_lines', 'outbound_slips'] as const satisfies readonly RecordKind[];

/** One entry per rule code, in RULES.md order. */
export const CATALOGUE: readonly RuleMeta[] = [
  ...new Map(RULES.map(({ code, severity, source, section, title }) => [code, { code, severity, source, section, title }])).values(),
];
const META = new Map(CATALOGUE.map((m) => [m.code, m]));
export function ruleMeta(code: string): RuleMeta | undefined {
  return META.get(code);
}

export interface EvaluateOptions {
  /** only these codes */
  codes?: Iterable<string>;
  /** true: only periodic rules (the re-check job); false: only the others */
  periodic?: boolean;
  /** true: only the rules whose result can change with as-of (periodic or timeDriven) */
  timeDriven?: boolean;
}

/** Whether a rule's result can change with as-of alone: what the re-check re-evaluates. */
export const isTimeDriven = (r: Rule): boolean => !!(r.periodic || r.timeDriven);

export function rulesFor<K extends RecordKind>(kind: K, opts: EvaluateOptions = {}): Rule<K>[] {
  const codes = opts.codes ? new Set(opts.codes) : null;
  return RULES.filter(
    (r) =>
      !r.event &&
      r.appliesTo === kind &&
      (!codes || codes.has(r.code)) &&
      (opts.periodic === undefined || !!r.periodic === opts.periodic) &&
      (opts.timeDriven === undefined || isTimeDriven(r) === opts.timeDriven),
  ) as unknown as Rule<K>[];
}

export function evaluate<K extends RecordKind>(kind: K, record: RecordViews[K], ctx: RuleContext, opts?: EvaluateOptions): Finding[] {
  return rulesFor(kind, opts).flatMap((r) => r.check(record, ctx));
}
