/**
 * Approvals and reviews found in an imported file are RECORDED FACTS OF THE LEGACY SYSTEM: kept as text on
 * the record (`legacy_facts`, a system column: schema/define.ts) with the file and row they came from, never
 * written into our approval fields (qa_status stays pending, a contract stays draft, reviewed_by and
 * price_approved_by stay empty) and never a signature. They are `trusted` only when the importing user's
 * roles could grant that approval in our system (the step's roles, or admin); an untrusted fact is kept,
 * reported as a warning, and counts for nothing.
 *
 * What a fact is worth: the rules auditing a legacy sale (an order the old system shipped, itself carrying
 * legacy facts) read a trusted fact where our field is empty (legacyValue below), so a migrated ledger is
 * judged on what the old system recorded; a live sale in our system reads our fields only, so a legacy
 * approval never stands in for ours, and our workflow verbs refuse legacy records (server/services/verbs).
 */
import type { Role } from './permissions';
import { LIFECYCLE, stepKeys } from './lifecycle';
import { findVerbSpec } from './verbs';

export interface LegacyFacts {
  /** the source file and its row(s) */
  file: string;
  rows: number[];
  /** the importing user, and whether their roles could grant these approvals here (a document: absent) */
  by?: string;
  trusted?: boolean;
  /** the legacy system's values, by our field key (e.g. qa_status: 'approved', reviewed_by: '王五') */
  fields?: Record<string, unknown>;
  /**
   * A document of the legacy system (a ledger's order): the state it left it in (shipped / completed). Kept
   * compact (one per order of a million-line ledger); its creator and import are the record's own stamps.
   */
  state?: string;
}

/**
 * The approval step whose roles make a file's claims on a resource *trusted* (the 首营 approval, the contract
 * approval, the outbound review…). Which fields are claims is the lifecycle's declaration of step-owned
 * fields (schema/lifecycle.ts) plus these approvals' own fields; a resource with step-owned fields but no
 * approval here (complaints, recall notices…) is trusted for the roles of the steps that own those fields.
 */
const APPROVAL_STEP: Record<string, { step: [string, string]; fields: readonly string[] }> = {
  customers: { step: ['customers', 'approve'], fields: ['qa_status', 'qa_approved_at', 'qa_approved_by'] },
  products: { step: ['products', 'approve'], fields: ['qa_status'] },
  contracts: { step: ['contracts', 'approve'], fields: ['status', 'approved_by', 'approved_role', 'approved_at'] },
  outbound_slips: { step: ['outbound_slips', 'review'], fields: ['reviewed_by', 'reviewed_at'] },
  sales_lines: { step: ['sales_lines', 'approve-price'], fields: ['price_approved_by'] },
  special_checks: { step: ['sales_orders', 'verify-special'], fields: ['verified_by', 'verified_at'] },
};

const owned = new Map<string, readonly string[]>();
/** The fields only a workflow step writes: an import keeps what a file says of them as legacy facts. */
export function workflowOwnedFields(resource: string): readonly string[] {
  let fields = owned.get(resource);
  if (!fields) {
    fields = [...new Set([...(APPROVAL_STEP[resource]?.fields ?? []), ...Object.keys(LIFECYCLE[resource]?.owned ?? {})])];
    owned.set(resource, fields);
  }
  return fields;
}

/** The roles that grant the workflow-owned fields of `resource` here: its approval's, else its steps'. */
export function grantorRoles(resource: string): readonly Role[] {
  const s = APPROVAL_STEP[resource];
  if (s) return findVerbSpec(s.step[0], s.step[1])?.roles ?? [];
  const steps = new Set(workflowOwnedFields(resource).flatMap((f) => stepKeys(resource, f)));
  return [
    ...new Set(
      [...steps].flatMap((k) => {
        const [res, verb] = k.split('/');
        return findVerbSpec(res, verb)?.roles ?? [];
      }),
    ),
  ];
}

/** Whether these roles could grant the workflow-owned fields of `resource` in our system. */
export function canGrant(roles: readonly string[], resource: string): boolean {
  return roles.includes('admin') || grantorRoles(resource).some((r) => roles.includes(r));
}

/** Splits an import row's values: the workflow-owned ones (non-empty) are returned and removed from `values`. */
export function takeLegacy(resource: string, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of workflowOwnedFields(resource)) {
    const v = values[k];
    if (k in values) delete values[k];
    if (v != null && v !== '') out[k] = v;
  }
  return out;
}

function factsOf(rec: object | null | undefined): LegacyFacts | null {
  const f = (rec as { legacy_facts?: unknown } | null | undefined)?.legacy_facts;
  if (!f) return null;
  if (typeof f === 'string') {
    try {
      return JSON.parse(f) as LegacyFacts;
    } catch {
      return null;
    }
  }
  return f as LegacyFacts;
}

/**
 * A record's value as a rule auditing a legacy sale reads it: our field, or where it is empty or still
 * pending/draft, the trusted legacy fact. `legacySale` false (a live sale): our field only.
 */
export function legacyValue<T = unknown>(rec: object | null | undefined, field: string, legacySale: boolean): T {
  const own = (rec as Record<string, unknown> | null | undefined)?.[field] as T;
  if (!legacySale) return own;
  const facts = factsOf(rec);
  if (!facts?.trusted || !(field in (facts.fields ?? {}))) return own;
  const initial = own == null || own === '' || own === 'pending' || own === 'draft';
  return (initial ? facts.fields![field] : own) as T;
}

/** Whether a record carries legacy facts (an imported historical record). */
export function isLegacy(rec: object | null | undefined): boolean {
  return !!factsOf(rec);
}

const overlays = new WeakMap<object, object>();
/**
 * The master record (customer, product, contract) as a rule auditing a legacy sale sees it: each
 * workflow-owned field our system left at its initial value replaced by the trusted legacy fact
 * (legacyValue). Cached per record object: master records are few, read by every line.
 */
export function audited<T extends object | null | undefined>(rec: T, legacySale: boolean | undefined): T {
  if (!legacySale || !rec) return rec;
  const facts = factsOf(rec);
  if (!facts?.trusted || !facts.fields) return rec;
  let o = overlays.get(rec as object);
  if (!o) {
    const over: Record<string, unknown> = { ...rec };
    for (const k of Object.keys(facts.fields)) over[k] = legacyValue(rec, k, true);
    overlays.set(rec as object, (o = over));
  }
  return o as T;
}

/**
 * A step record (a special-drug check) imported from a legacy file: it counts for a legacy sale when its
 * facts are trusted, and never for a live sale; a record of ours always counts.
 */
export function usableStep<T extends object | null | undefined>(rec: T, legacySale: boolean | undefined): T | null {
  if (!rec || !isLegacy(rec)) return rec;
  const facts = factsOf(rec);
  if (!legacySale || !facts?.trusted) return null;
  return { ...rec, ...facts.fields } as T; // rare (special-control sales): not cached
}
