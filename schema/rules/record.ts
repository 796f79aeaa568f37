/** The sales record itself (第二篇 3.8; 第四篇 一.4, 一.5): complete, consistent amounts and dates. */
import type { RuleContext } from './context';
import { dateOf } from './dates';
import { blank, isNum, parts, productName, rule, type LineParts } from './rule';
import { isDevice } from './scope';
import type { SaleLineView } from './types';

interface Item {
  /** the line-view key or `ref.field` path reported in Finding.fields */
  field: string;
  zh: string;
  en: string;
  /** where the value is kept, for the message's "how to fix" */
  home: 'line' | 'product' | 'batch' | 'customer';
  present(line: SaleLineView, x: LineParts, ctx: RuleContext): boolean;
  /** only for some products (a device's expiry date) */
  when?(x: LineParts): boolean;
}
const has = (v: unknown) => !blank(v);

interface DateProblem {
  field: string;
  zh: string;
  en: string;
}
/** A date after today, for DATE_INCONSISTENT (module-level: no closure per rule call). */
function afterToday(problems: DateProblem[], asOf: string, field: string, d: string | null, zh: string, en: string): void {
  if (d && d > asOf) problems.push({ field, zh: `${zh} ${d} 晚于当前日期 ${asOf}`, en: `the ${en} ${d} is after today (${asOf})` });
}
const item = (field: string, zh: string, en: string, home: Item['home'], present: Item['present'], when?: Item['when']): Item => ({
  field,
  zh,
  en,
  home,
  present,
  when,
});

const generic = (zh: string, en: string) => item('product.generic_name', zh, en, 'product', (_l, x) => has(x.product?.generic_name));
const spec = (zh: string, en: string) => item('product.spec', zh, en, 'product', (_l, x) => has(x.product?.spec));
const manufacturer = (zh: string, en: string) => item('product.manufacturer', zh, en, 'product', (_l, x) => has(x.product?.manufacturer));
const batchNo = (zh: string, en: string) => item('batch.batch_no', zh, en, 'batch', (_l, x) => has(x.batch?.batch_no));
const buyer = (zh: string, en: string) => item('customer', zh, en, 'line', (_l, x) => has(x.customer?.name));
const common = [
  item('quantity', '数量', 'quantity', 'line', (l) => isNum(l.quantity)),
  item('unit_price', '单价', 'unit price', 'line', (l) => isNum(l.unit_price)),
  item('amount', '金额', 'amount', 'line', (l) => isNum(l.amount)),
  item('sale_date', '销售日期', 'sale date', 'line', (l) => dateOf(l.sale_date) !== null),
];
const expiry = (when?: Item['when']) => item('batch.expiry_date', '有效期', 'expiry date', 'batch', (_l, x) => dateOf(x.batch?.expiry_date) !== null, when);

/** 第二篇 3.8: what a drug sales record must show. */
export const DRUG_RECORD_ITEMS: readonly Item[] = [
  generic('通用名称', 'generic name'),
  item('product.dosage_form', '剂型', 'dosage form', 'product', (_l, x) => has(x.product?.dosage_form)),
  spec('规格', 'specification'),
  batchNo('批号', 'batch number'),
  expiry(),
  manufacturer('生产厂商', 'manufacturer'),
  buyer('购货单位', 'buyer'),
  ...common,
];

/**
 * 第四篇 一.4: what a device sales record must show. The expiry date is required where the product has one,
 * which we know for single-use sterile devices; quantity, price, amount and sale date are in 一.4 (1)(2).
 */
export const DEVICE_RECORD_ITEMS: readonly Item[] = [
  generic('名称', 'name'),
  spec('规格型号', 'specification / model'),
  item('product.approval_no', '注册证编号/备案凭证编号', 'registration / filing number', 'product', (_l, x) => has(x.product?.approval_no)),
  batchNo('批号/序列号', 'batch / serial number'),
  expiry((x) => x.product?.sterile_single_use === true),
  manufacturer('生产企业', 'manufacturer'),
  item('product.manufacturer_license', '生产许可证号/备案凭证编号', "manufacturer's licence / filing number", 'product', (_l, x) =>
    has(x.product?.manufacturer_license),
  ),
  buyer('购货者名称', "buyer's name"),
  item(
    'customer_licenses.number',
    '购货者许可证号',
    "buyer's licence number",
    'customer',
    (_l, x, ctx) => !!x.customer && ctx.customerLicenses(x.customer.id).some((l) => has(l.number)),
  ),
  item('customer.address', '经营地址', "buyer's business address", 'customer', (_l, x) => has(x.customer?.address)),
  item('customer.contact_phone', '联系方式', "buyer's contact", 'customer', (_l, x) => has(x.customer?.contact_phone)),
  ...common,
];

const HOME = {
  line: ['销售记录', 'the sales record'],
  product: ['品种档案', 'the product record'],
  batch: ['批次档案', 'the batch record'],
  customer: ['购货单位档案', "the buyer's record"],
} as const;

export const recordRules = [
  rule({
    code: 'RECORD_INCOMPLETE',
    severity: 'error',
    source: '第二篇 3.8; 第四篇 一.4',
    section: 'record',
    appliesTo: 'sales_lines',
    title: { zh: '销售记录不完整', en: 'Incomplete sales record' },
    test(line, ctx) {
      const x = parts(line, ctx);
      const device = !!x.product && isDevice(x.product);
      const missing = (device ? DEVICE_RECORD_ITEMS : DRUG_RECORD_ITEMS).filter((i) => (!i.when || i.when(x)) && !i.present(line, x, ctx));
      if (missing.length === 0) return null;
      const homes = [...new Set(missing.map((i) => i.home))];
      return {
        fields: missing.map((i) => i.field),
        zh: `${device ? '医疗器械' : '药品'}销售记录缺少：${missing.map((i) => i.zh).join('、')}。请在${homes.map((h) => HOME[h][0]).join('、')}中补全后重新提交。`,
        en: `The ${device ? 'device' : 'drug'} sales record lacks: ${missing.map((i) => i.en).join(', ')}. Complete ${homes.map((h) => HOME[h][1]).join(', ')} and resubmit.`,
        params: { missing: missing.map((i) => i.zh).join('、') },
      };
    },
  }),
  rule({
    code: 'STERILE_RECORD_INCOMPLETE',
    severity: 'error',
    source: '第四篇 一.5',
    section: 'record',
    appliesTo: 'sales_lines',
    title: { zh: '无菌器械销售记录不完整', en: 'Incomplete sterile-device record' },
    test(line, ctx) {
      const { product: p, batch: b } = parts(line, ctx);
      if (p?.sterile_single_use !== true) return null;
      const missing = [
        !has(b?.sterilization_batch) && { field: 'batch.sterilization_batch', zh: '灭菌批号', en: 'sterilisation batch' },
        !has(line.handler) && { field: 'handler', zh: '经办人', en: 'handler' },
        !has(line.responsible) && { field: 'responsible', zh: '负责人', en: 'responsible person' },
      ].filter((m): m is { field: string; zh: string; en: string } => !!m);
      if (missing.length === 0) return null;
      return {
        fields: missing.map((m) => m.field),
        zh: `一次性使用无菌医疗器械「${productName(p)}」的销售记录缺少：${missing.map((m) => m.zh).join('、')}。请补录灭菌批号（批次档案）及经办人、负责人签名。`,
        en: `The sales record of the single-use sterile device "${productName(p)}" lacks: ${missing.map((m) => m.en).join(', ')}. Record the sterilisation batch (on the batch) and the handler's and responsible person's signatures.`,
      };
    },
  }),
  rule({
    code: 'AMOUNT_MISMATCH',
    severity: 'error',
    source: '第二篇 3.8, 3.10 (票、账、货相符)',
    section: 'record',
    appliesTo: 'sales_lines',
    title: { zh: '金额与数量×单价不符', en: 'Amount ≠ quantity × price' },
    test(line) {
      const { quantity: q, unit_price: p, amount: a } = line;
      if (!isNum(q) || !isNum(p) || !isNum(a)) return null;
      const expected = Math.round(q * p * 100) / 100;
      // Compared in cents so that floating-point noise never decides: a difference of exactly 0.01 passes.
      if (Math.abs(Math.round(q * p * 1e6) - Math.round(a * 1e6)) <= 10_000) return null;
      return {
        fields: ['quantity', 'unit_price', 'amount'],
        zh: `金额 ${a} 与数量 ${q} × 单价 ${p} = ${expected} 不符（差额超过 0.01 元）。票、账、货须相符；请核对并更正数量、单价或金额。`,
        en: `The amount ${a} does not match quantity ${q} × unit price ${p} = ${expected} (difference over 0.01). Invoice, books and goods must agree: correct the quantity, price or amount.`,
        params: { expected },
      };
    },
  }),
  rule({
    code: 'DATE_INCONSISTENT',
    severity: 'error',
    source: '第五篇 5',
    section: 'record',
    appliesTo: 'sales_lines',
    timeDriven: true,
    title: { zh: '日期不一致', en: 'Inconsistent dates' },
    test(line, ctx) {
      const asOf = ctx.asOf;
      const sale = dateOf(line.sale_date);
      const problems: DateProblem[] = [];
      afterToday(problems, asOf, 'sale_date', sale, '销售日期', 'sale date');
      for (const o of line.outbounds ?? []) {
        const out = dateOf(o.outbound_date);
        if (out && sale && out < sale) {
          problems.push({
            field: 'outbounds.outbound_date',
            zh: `出库日期 ${out} 早于销售日期 ${sale}`,
            en: `the outbound date ${out} is before the sale date ${sale}`,
          });
        }
        afterToday(problems, asOf, 'outbounds.outbound_date', out, '出库日期', 'outbound date');
        afterToday(problems, asOf, 'outbounds.receipt_confirmed_at', dateOf(o.receipt_confirmed_at), '收货确认日期', 'receipt confirmation date');
      }
      for (const i of line.invoices ?? []) afterToday(problems, asOf, 'invoices.invoice_date', dateOf(i.invoice_date), '开票日期', 'invoice date');
      if (problems.length === 0) return null;
      return {
        fields: [...new Set(problems.map((p) => p.field))],
        zh: `日期不一致：${problems.map((p) => p.zh).join('；')}。请核对原始单据，更正销售、出库、收货或开票日期。`,
        en: `Inconsistent dates: ${problems.map((p) => p.en).join('; ')}. Check the source documents and correct the sale, outbound, receipt or invoice date.`,
      };
    },
  }),
];
