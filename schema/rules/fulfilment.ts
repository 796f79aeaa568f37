/** Fulfilment and finance: outbound review, invoices against slips, receipt confirmation, payment. */
import { isLegacy, legacyValue } from '../legacy';
import type { RuleContext } from './context';
import { addDays, dateOf, deadlineState } from './dates';
import { blank, isNum, productName, rule, samePerson } from './rule';
import type { Id, InvoiceView } from './types';

const cents = (n: number) => Math.round(n * 100);

/** The goods of the slips an invoice covers: the lines of their orders, each order counted once. */
function shippedGoods(inv: InvoiceView, ctx: RuleContext) {
  const orders = [...new Set((inv.slips ?? []).map((s) => s.order).filter((o): o is Id => o != null))];
  return orders.flatMap((o) => ctx.orderLines(o));
}

function byProduct(rows: readonly { product?: Id | null; quantity?: number | null; amount?: number | null }[]) {
  const m = new Map<Id | null, { quantity: number; amount: number }>();
  for (const r of rows) {
    const k = r.product ?? null;
    const t = m.get(k) ?? { quantity: 0, amount: 0 };
    t.quantity += r.quantity ?? 0;
    t.amount += r.amount ?? 0;
    m.set(k, t);
  }
  return m;
}

export const fulfilmentRules = [
  rule({
    code: 'OUTBOUND_NOT_REVIEWED',
    severity: 'error',
    source: '第五篇 5.3',
    section: 'fulfilment',
    appliesTo: 'outbound_slips',
    title: { zh: '出库未经复核', en: 'Outbound not reviewed' },
    test(slip) {
      // a legacy slip: the trusted reviewer the old system recorded (schema/legacy.ts)
      const reviewer = slip.reviewed_by ?? legacyValue<string | null>(slip, 'reviewed_by', isLegacy(slip));
      const none = blank(reviewer);
      if (!none && !samePerson(reviewer, slip.picked_by)) return null;
      return {
        fields: ['reviewed_by'],
        zh: none
          ? `出库单 ${slip.slip_no ?? ''} 没有复核员。药品出库须由库管员与复核员执行出库复核程序；请由复核员复核后登记复核员和复核时间。`
          : `出库单 ${slip.slip_no ?? ''} 的复核员「${reviewer}」就是发货的库管员，不构成双人复核。请由库管员以外的复核员重新复核并登记。`,
        en: none
          ? `Outbound slip ${slip.slip_no ?? ''} has no reviewer. Every outbound needs a check by a reviewer besides the picker: have it reviewed and record the reviewer and time.`
          : `Outbound slip ${slip.slip_no ?? ''} was reviewed by "${reviewer}", who also picked it: that is no independent check. Have another reviewer check it and record them.`,
      };
    },
  }),
  rule({
    code: 'INVOICE_MISMATCH',
    severity: 'error',
    source: '第二篇 3.8, 3.10',
    section: 'fulfilment',
    appliesTo: 'invoices',
    title: { zh: '发票与出库单不符', en: 'Invoice does not match outbound' },
    test(inv, ctx) {
      if ((inv.slips ?? []).length === 0) return null;
      const goods = shippedGoods(inv, ctx);
      const problems: { field: string; zh: string; en: string }[] = [];
      if ((inv.lines ?? []).length > 0) {
        const shipped = byProduct(goods);
        const billed = byProduct(inv.lines!);
        for (const id of new Set([...shipped.keys(), ...billed.keys()])) {
          const s = shipped.get(id);
          const b = billed.get(id);
          const name = productName(id != null ? ctx.product(id) : undefined);
          if (!s) problems.push({ field: 'lines', zh: `「${name}」开了票但不在所附出库单中`, en: `"${name}" is invoiced but not on the slips` });
          else if (!b) problems.push({ field: 'lines', zh: `「${name}」已出库但未开票`, en: `"${name}" was shipped but not invoiced` });
          else if (Math.abs(s.quantity - b.quantity) > 1e-6 || Math.abs(cents(s.amount) - cents(b.amount)) > 1) {
            problems.push({
              field: 'lines',
              zh: `「${name}」发票数量 ${b.quantity}、金额 ${b.amount.toFixed(2)}，出库数量 ${s.quantity}、金额 ${s.amount.toFixed(2)}`,
              en: `"${name}": invoiced ${b.quantity} for ${b.amount.toFixed(2)}, shipped ${s.quantity} for ${s.amount.toFixed(2)}`,
            });
          }
        }
      }
      const total = goods.reduce((t, g) => t + (g.amount ?? 0), 0);
      if (isNum(inv.amount) && Math.abs(cents(inv.amount) - cents(total)) > 1) {
        problems.push({
          field: 'amount',
          zh: `价税合计 ${inv.amount} 与出库金额 ${total.toFixed(2)} 不符`,
          en: `the total ${inv.amount} differs from the shipped amount ${total.toFixed(2)}`,
        });
      }
      if (problems.length === 0) return null;
      return {
        fields: [...new Set(problems.map((p) => p.field))],
        zh: `发票 ${inv.invoice_no ?? ''} 与其对应的出库单不符：${problems.map((p) => p.zh).join('；')}。票、账、货须相符；请核对后更正发票或出库记录（必要时红冲重开）。`,
        en: `Invoice ${inv.invoice_no ?? ''} does not match its outbound slips: ${problems.map((p) => p.en).join('; ')}. Invoice, books and goods must agree: correct the invoice or the outbound records.`,
      };
    },
  }),
  rule({
    code: 'INVOICE_LIST_MISSING',
    severity: 'warning',
    source: '第二篇 3.8',
    section: 'fulfilment',
    appliesTo: 'invoices',
    title: { zh: '发票未列明品种且无销售清单', en: 'Invoice without goods list' },
    // Only an invoice recorded as not itemised counts; unknown (legacy, empty) is not reported.
    test(inv) {
      if (inv.itemised !== false || inv.list_attached === true) return null;
      return {
        fields: ['itemised', 'list_attached'],
        zh: `发票 ${inv.invoice_no ?? ''} 未列明所售药品的名称、规格、单位、数量、金额，也未附《销售货物或者提供应税劳务清单》。请附加盖财务专用章并注明税票号码的销售清单。`,
        en: `Invoice ${inv.invoice_no ?? ''} neither itemises the goods (name, specification, unit, quantity, amount) nor has the goods list attached. Attach the list, stamped with the finance seal and bearing the invoice number.`,
      };
    },
  }),
  rule({
    code: 'RECEIPT_UNCONFIRMED',
    severity: 'warning',
    source: '第五篇 5.5',
    section: 'fulfilment',
    appliesTo: 'outbound_slips',
    periodic: true,
    title: { zh: '收货未确认', en: 'Receipt not confirmed' },
    test(slip, ctx) {
      const out = dateOf(slip.outbound_date);
      if (!out) return null;
      const days = ctx.settings.receiptConfirmDays;
      const state = deadlineState(out, days, slip.receipt_confirmed_at, ctx.asOf);
      if (state !== 'late' && state !== 'overdue') return null;
      const late = state === 'late';
      return {
        fields: ['receipt_confirmed_at'],
        zh: `出库单 ${slip.slip_no ?? ''} 于 ${out} 出库，销售员应在 ${days} 天内（${addDays(out, days)} 前）与要货单位确认收货，但${late ? `直到 ${dateOf(slip.receipt_confirmed_at)} 才确认` : '至今未确认'}。请联系客户确认收货情况并登记收货确认日期。`,
        en: `Outbound slip ${slip.slip_no ?? ''} left on ${out}; the salesperson should have confirmed receipt within ${days} days (by ${addDays(out, days)}) but ${late ? `did so only on ${dateOf(slip.receipt_confirmed_at)}` : 'has not'}. Confirm with the customer and record the date.`,
        params: { outbound_date: out, days },
      };
    },
  }),
  rule({
    code: 'PAYMENT_OVERDUE',
    severity: 'warning',
    source: '第五篇 6.1',
    section: 'fulfilment',
    appliesTo: 'invoices',
    periodic: true,
    title: { zh: '货款逾期未回', en: 'Payment overdue' },
    // Due on invoice_date + the contract's payment term (the shortest when the slips' orders have several
    // contracts); payments made up to as-of count. Without a contract term nothing is due.
    test(inv, ctx) {
      const issued = dateOf(inv.invoice_date);
      if (!issued || !isNum(inv.amount)) return null;
      const terms = (inv.slips ?? [])
        .map((s) => (s.order != null ? ctx.order(s.order) : undefined))
        .map((o) => (o?.contract != null ? ctx.contract(o.contract)?.payment_days : undefined))
        .filter(isNum);
      if (terms.length === 0) return null;
      const due = addDays(issued, Math.min(...terms));
      if (ctx.asOf <= due) return null;
      const paid = (inv.payments ?? []).filter((p) => (dateOf(p.paid_at) ?? '') <= ctx.asOf).reduce((t, p) => t + (p.amount ?? 0), 0);
      if (cents(paid) >= cents(inv.amount)) return null;
      const open = ((cents(inv.amount) - cents(paid)) / 100).toFixed(2);
      return {
        fields: ['amount'],
        zh: `发票 ${inv.invoice_no ?? ''}（${issued} 开具，价税合计 ${inv.amount} 元）按合同付款期限应于 ${due} 前回款，至今仍有 ${open} 元未回。请销售部依合同催收货款，并登记回款。`,
        en: `Invoice ${inv.invoice_no ?? ''} (issued ${issued}, ${inv.amount}) was due for payment by ${due} under the contract; ${open} is still unpaid. Sales should collect it and record the payment.`,
        params: { due, open },
      };
    },
  }),
];
