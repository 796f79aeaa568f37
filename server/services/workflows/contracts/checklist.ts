/**
 * A contract's checklist (the panel on its show page, and what submit enforces): each term of 第五篇 3.2,
 * the customer's first-business approval, and the approval level its amount needs (3.3).
 */
import { APPROVAL_ROLE, PAYMENT_METHOD } from '../../../../schema/enums';
import { TERMS } from '../../../../schema/rules/contract';
import { blank } from '../../../../schema/rules/rule';
import type { Db } from '../../../db';
import { findRow, type Row } from '../../records';
import { registry } from '../../../../schema/resources';
import { loadSettings } from '../../settings';
import { requiredApproval } from '../../../../schema/rules/contract';
import type { ContractRow } from '../../../../schema/rules';
import { text, failing, type Check } from '../first-business/check';

export interface ContractChecklist {
  id: number;
  status: string | null;
  amount: number | null;
  majorContractAmount: number;
  /** who must approve it */
  level: 'gm' | 'sales_vp';
  levelLabel: { zh: string; en: string };
  customerName: string | null;
  /** every term present and the customer approved: it may be submitted */
  ready: boolean;
  checks: Check[];
}

/** A term's value as people read it: the payment method's label, the term in days. */
function shown(field: string, value: unknown) {
  if (field === 'payment_method') {
    const [zh, en] = PAYMENT_METHOD.labels[value as keyof typeof PAYMENT_METHOD.labels] ?? [String(value), String(value)];
    return text(zh, en);
  }
  if (field === 'payment_days') return text(`${value} 天`, `${value} days`);
  return text(String(value), String(value));
}

export function termChecks(row: Row): Check[] {
  return TERMS.map((t) => {
    const value = row[t.field];
    const missing = blank(value);
    return {
      key: `term:${t.field}`,
      label: text(t.zh, t.en),
      blocking: true,
      source: '第五篇 3.2',
      fields: [t.field],
      status: missing ? 'fail' : 'pass',
      detail: missing ? text('未填写', 'Not filled in') : shown(t.field, value),
    } satisfies Check;
  });
}

const customerOf = (db: Db, row: Row) => (row.customer == null ? undefined : findRow(db, registry.get('customers')!, row.customer as number));

function customerCheck(customer: Row | undefined): Check {
  const ok = customer?.qa_status === 'approved';
  return {
    key: 'customer_approved',
    label: text('购货单位已通过首营审核', 'Customer passed first-business review'),
    blocking: true,
    source: '第二篇 3.4',
    fields: ['customer'],
    status: ok ? 'pass' : 'fail',
    detail: ok
      ? text(`${customer!.name}（${customer!.qa_approved_at ?? ''} 审核）`, `${customer!.name} (approved ${customer!.qa_approved_at ?? ''})`)
      : text(`${customer?.name ?? '—'} 尚未通过首营审核`, `${customer?.name ?? '—'} has not passed the first-business review`),
  };
}

export async function contractChecklist(db: Db, row: Row): Promise<ContractChecklist> {
  const settings = await loadSettings(db);
  const level = requiredApproval(row as unknown as ContractRow, settings);
  const customer = await customerOf(db, row);
  const checks = [...termChecks(row), customerCheck(customer)];
  const [zh, en] = APPROVAL_ROLE.labels[level];
  return {
    id: row.id,
    status: (row.status as string) ?? null,
    amount: (row.amount as number) ?? null,
    majorContractAmount: settings.majorContractAmount,
    level,
    levelLabel: { zh, en },
    customerName: (customer?.name as string) ?? null,
    ready: failing(checks).length === 0,
    checks,
  };
}
