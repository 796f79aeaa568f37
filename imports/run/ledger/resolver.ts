/**
 * Ledger references → ids, by DOMAIN.md's natural keys against the in-memory master maps: customers by
 * 统一社会信用代码 then 单位名称, products by 批准文号 + 规格 (else 通用名称 + 规格), batches by product + 批号,
 * salespeople by 姓名, contracts by 合同编号. Unknown customers, products, batches and salespeople are
 * created as pending records (staged, added to the rule context, listed in the report); an unknown buyer
 * has no type, so BUYER_INDIVIDUAL judges it by its name; an unknown product named like 麻黄碱 / 伪麻黄碱 /
 * 可待因 is special-control. An unknown contract number is kept as text on the order (report: unresolved).
 */
import { isCreditCode } from '../../../schema/checks';
import type { Lang } from '../../../schema/messages';
import type { CreatedRecord } from '../types';
import { imsg } from '../messages';
import { batchKey, indexCustomer, indexProduct, keyText, productKey, type Master } from './master-data';
import type { LedgerGuard, PendingKind } from './guard';
import type { Staging } from './staging';
import { ROLE } from '../../../schema/enums';
import { can } from '../../../schema/permissions';
import { registry } from '../../../schema/resources';
import { roleList } from '../legacy';
import { ledgerFieldsFor } from '../../headers/ledger-fields';

export type Values = Record<string, any>;
export interface RowError {
  field: string;
  message: string;
}
export type Resolved = { id: number } | { error: RowError };

const text = (v: unknown): string | null => (v == null || String(v).trim() === '' ? null : String(v).trim());

/**
 * The fields of a record of `resource` that the row's ledger columns give (schema/ledger.ts), values as
 * normalised (text trimmed, empty → null): a pending product, batch or customer, a line, a slip.
 */
const FILLS = new Map<string, Array<{ key: string; field: string }>>();
export function ledgerValues(resource: string, v: Values): Record<string, unknown> {
  let fills = FILLS.get(resource);
  if (!fills) FILLS.set(resource, (fills = ledgerFieldsFor(resource)));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fills.length; i++) out[fills[i].field] = ledgerValue(v[fills[i].key]);
  return out;
}

/** A ledger cell's value as a record keeps it: text trimmed (empty: null), anything else as it is (none: null). */
export function ledgerValue(x: unknown): unknown {
  if (typeof x === 'string') {
    const t = x.trim();
    return t === '' ? null : t;
  }
  return x ?? null;
}

/** 麻黄碱 (伪麻黄碱 contains it) → ephedrine, 可待因 → codeine: a special-control product when not on file. */
export function specialFromName(name: string): string[] {
  const out: string[] = [];
  if (name.includes('麻黄碱')) out.push('ephedrine');
  if (name.includes('可待因')) out.push('codeine');
  return out;
}

export class Resolver {
  readonly created: Record<'customers' | 'products' | 'batches' | 'salespeople', CreatedRecord[]> = {
    customers: [],
    products: [],
    batches: [],
    salespeople: [],
  };
  readonly unresolved: { contracts: Array<{ row: number; value: string }> } = { contracts: [] };
  private readonly unresolvedSeen = new Set<string>();

  constructor(
    private readonly m: Master,
    private readonly st: Staging,
    private readonly lang: Lang,
    private readonly header: (k: string) => string,
    private readonly guard: LedgerGuard,
  ) {}

  /** The row error when the user's roles may not create this pending record (null when they may). */
  private mayNotCreate(kind: PendingKind, field: string, value: string): { error: RowError } | null {
    if (this.guard.mayCreate[kind]) return null;
    const [zh, en] = registry.get(kind)!.label;
    const roles = roleList(
      ROLE.values.filter((r) => r !== 'admin' && can([r], kind, 'create')),
      this.lang,
    );
    return { error: { field: this.header(field), message: imsg(this.lang, 'may_not_create_master', { target: zh, target_en: en, value, roles }) } };
  }

  customer(v: Values, row: number): Resolved {
    const credit = text(v.customer_credit_code)?.toUpperCase() ?? null;
    const name = text(v.customer);
    if (credit) {
      const id = this.m.customersByCredit.get(keyText(credit));
      if (id) return { id };
    }
    if (name) {
      const id = this.m.customersByName.get(keyText(name));
      if (id) return { id };
    }
    if (!name) return { error: { field: this.header('customer'), message: imsg(this.lang, 'missing_customer') } };
    const denied = this.mayNotCreate('customers', 'customer', name);
    if (denied) return denied;
    const sid = this.st.reserve('customers');
    const rec = {
      ...ledgerValues('customers', v),
      name,
      credit_code: credit && isCreditCode(credit) ? credit : null,
      type: null,
      region: null,
      qa_status: 'pending' as const,
    };
    this.st.insert('customers', sid, rec);
    const ref = { id: -sid, ...rec };
    this.m.ctx.add('customers', ref);
    indexCustomer(this.m, ref);
    this.created.customers.push({ row, name, credit_code: rec.credit_code });
    return { id: -sid };
  }

  product(v: Values, row: number): Resolved {
    const approval = text(v.approval_no);
    const spec = text(v.spec);
    const name = text(v.generic_name);
    if (approval) {
      const id = spec ? this.m.productsByKey.get(productKey(approval, spec)) : this.m.productsByApproval.get(keyText(approval));
      if (id) return { id };
    } else if (name) {
      const id = this.m.productsByNameSpec.get(productKey(name, spec)) ?? (!spec ? this.m.productsByName.get(keyText(name)) : undefined);
      if (id) return { id };
      if (!spec && this.m.productsByName.ambiguous(keyText(name))) {
        return { error: { field: this.header('generic_name'), message: imsg(this.lang, 'ambiguous_product', { value: name }) } };
      }
    } else {
      return { error: { field: this.header('generic_name'), message: imsg(this.lang, 'missing_product') } };
    }
    if (!name) {
      return {
        error: { field: this.header('generic_name'), message: imsg(this.lang, 'unknown_product_no_name', { approval: approval ?? '', spec: spec ?? '' }) },
      };
    }
    const denied = this.mayNotCreate('products', 'generic_name', [name, spec].filter(Boolean).join(' '));
    if (denied) return denied;
    const sid = this.st.reserve('products');
    const rec = {
      ...ledgerValues('products', v),
      kind: approval && /械/.test(approval) ? ('device' as const) : ('drug' as const),
      generic_name: name,
      spec,
      approval_no: approval,
      special_control: specialFromName(`${name}${text(v.trade_name) ?? ''}`),
      qa_status: 'pending' as const,
    };
    this.st.insert('products', sid, rec);
    const ref = { id: -sid, ...rec };
    this.m.ctx.add('products', ref);
    indexProduct(this.m, ref);
    this.created.products.push({ row, name, spec, approval_no: approval, special_control: rec.special_control });
    return { id: -sid };
  }

  /** null when the row has no batch number (RECORD_INCOMPLETE reports it). */
  batch(product: number, v: Values, row: number): Resolved | null {
    const no = text(v.batch_no);
    if (!no) return null;
    const key = batchKey(product, no);
    const id = this.m.batchesByKey.get(key);
    if (id) return { id };
    const denied = this.mayNotCreate('batches', 'batch_no', no);
    if (denied) return denied;
    const sid = this.st.reserve('batches');
    const rec = { ...ledgerValues('batches', v), product, batch_no: no, status: this.guard.batchStatus };
    this.st.insert('batches', sid, rec);
    this.m.ctx.add('batches', { id: -sid, ...rec });
    this.m.batchesByKey.set(key, -sid);
    this.created.batches.push({ row, name: no, batch_no: no, product_name: text(v.generic_name), status: rec.status });
    return { id: -sid };
  }

  /**
   * The row's 业务员. A user whose orders are scoped to their own (a salesperson) may only import rows
   * naming themselves: another name, or none, is a rejected row.
   */
  salesperson(v: Values, row: number): Resolved | null {
    const name = text(v.salesperson);
    const g = this.guard;
    if (g.scoped) {
      if (!name) return { error: { field: this.header('salesperson'), message: imsg(this.lang, 'no_salesperson_own') } };
      if (g.ownId == null || keyText(name) !== g.ownName)
        return { error: { field: this.header('salesperson'), message: imsg(this.lang, 'not_own_salesperson', { value: name }) } };
      return { id: g.ownId };
    }
    if (!name) return null;
    const id = this.m.salespeopleByName.get(keyText(name));
    if (id) return { id };
    const denied = this.mayNotCreate('salespeople', 'salesperson', name);
    if (denied) return denied;
    const sid = this.st.reserve('salespeople');
    this.st.insert('salespeople', sid, { name });
    this.m.ctx.add('salespeople', { id: -sid, name });
    this.m.salespeopleByName.set(keyText(name), -sid);
    this.created.salespeople.push({ row, name });
    return { id: -sid };
  }

  contract(v: Values, row: number): { id: number | null; unknown: string | null } {
    const no = text(v.contract_no);
    if (!no) return { id: null, unknown: null };
    const id = this.m.contractsByNo.get(keyText(no));
    if (id) return { id, unknown: null };
    if (!this.unresolvedSeen.has(no)) {
      this.unresolvedSeen.add(no);
      this.unresolved.contracts.push({ row, value: no });
    }
    return { id: null, unknown: no };
  }
}
