/** The fulfilment screens' own texts ({zh, en}, picked by the UI language). */
import { useLocaleState } from 'react-admin';
import { pick } from '../../meta/labels';

type Text = { zh: string; en: string };
const x = (zh: string, en: string): Text => ({ zh, en });

export const T = {
  priceTitle: x(
    '超出销售部负责人限定价格幅度的明细（须经销售部负责人审批后方可确认订单）',
    "Lines outside the sales head's price range (the head of sales must approve before the order is confirmed)",
  ),
  blocked: x('下一步将被拒绝（须先解除以下问题）', 'The next step will be refused until this is resolved'),
  frozen: x(
    '已出库：订单及明细已冻结。更正请按退回步骤（均须签名并说明原因）：作废回款（财务）→ 作废/红冲发票（财务）→ 作废出库单（储运）→ 作废订单（销售）',
    'Shipped: the order and its lines are frozen. To correct it go back through the signed steps: void payment (finance) → void / credit invoice (finance) → void slip (warehouse) → void order (sales)',
  ),
  unitPrice: x('单价', 'unit price'),
  range: x('限定幅度', 'range'),
  approvedBy: x('已由', 'approved by'),
  awaitingHead: x('待销售部负责人审批', 'awaiting the head of sales'),
  slipNo: x('出库单号', 'Slip no.'),
  outboundDate: x('出库日期', 'Outbound date'),
  issuedBy: x('开票员', 'Issued by'),
  pickedBy: x('库管员', 'Picked by'),
  reviewedBy: x('复核员', 'Reviewed by'),
  receipt: x('收货确认', 'Receipt'),
  invoice: x('发票', 'Invoice'),
  recordPayment: x('登记回款', 'Record payment'),
  issueInvoice: x('开具发票', 'Issue invoice'),
  // special-control drugs
  notSpecial: x('本订单不含特殊管理药品（含麻黄碱类复方制剂等），无需特药核实。', 'This order has no special-control drug; no special verification applies.'),
  specialProducts: x('特殊管理药品', 'Special-control drugs'),
  docsStep: x('购货单位资料（销售前）', "Buyer's documents (before the sale)"),
  docsOk: x(
    '采购人员法人委托书、身份证复印件及法定代表人、分管负责人、采购人员联系电话齐全',
    "Purchaser's power of attorney, ID copy and the phones of legal representative, responsible person and purchaser on file",
  ),
  docsMissing: x('缺少', 'Missing'),
  checkStep: x('特药销售核实记录（开票、出库前）', 'Verification record (before invoice and outbound)'),
  checkNone: x('尚未核实：出库和开票将被拒绝', 'Not verified yet: outbound and invoicing are refused'),
  checkLate: x('核实晚于首次出库/开票', 'verified after the first outbound / invoice'),
  contractObtained: x('已索取购销合同', 'contract obtained'),
  identityVerified: x('已核实采购人员身份', 'purchaser identity verified'),
  authenticityVerified: x('已核实购买真实性', 'authenticity verified'),
  arrivalStep: x('到货核实（储运部，出库后）', 'Arrival verification (storage & transport, after delivery)'),
  arrivalNone: x('尚无出库单', 'No outbound slip yet'),
  arrivalPending: x('待核实', 'pending'),
  cashStep: x('禁止现金交易', 'No cash'),
  cashOk: x('订单、合同和回款均非现金', 'Order, contract and payments are not in cash'),
  cashOrder: x('订单付款方式为现金', 'the order is paid in cash'),
  cashContract: x('合同付款方式为现金', 'the contract says cash'),
  cashPayment: x('现金回款', 'cash payment'),
  verifiedBy: x('核实人', 'verified by'),
  // receivables
  receivables: x('应收账款', 'Receivables'),
  ageingTitle: x('应收账款账龄', 'Receivables ageing'),
  asOf: x('截止日期', 'As of'),
  customer: x('购货单位', 'Customer'),
  invoiced: x('开票金额', 'Invoiced'),
  paid: x('已回款', 'Paid'),
  outstanding: x('应收余额', 'Outstanding'),
  overdue: x('逾期金额', 'Overdue'),
  unallocated: x('未核销回款', 'Unallocated'),
  openInvoices: x('未结发票', 'Open invoices'),
  current: x('未到期', 'Not due'),
  d1_30: x('逾期 1–30 天', '1–30 days'),
  d31_60: x('31–60 天', '31–60 days'),
  d61_90: x('61–90 天', '61–90 days'),
  over_90: x('90 天以上', '> 90 days'),
  total: x('合计', 'Total'),
  termNote: x(
    '到期日 = 开票日期 + 合同付款期限；无合同期限的按默认 {days} 天计（标 *）',
    "Due = invoice date + the contract's payment term; without a known term the default {days} days (marked *)",
  ),
  invoiceNo: x('发票号', 'Invoice no.'),
  invoiceDate: x('开票日期', 'Invoice date'),
  amount: x('价税合计', 'Amount'),
  term: x('账期(天)', 'Term (days)'),
  dueDate: x('到期日', 'Due'),
  daysPastDue: x('逾期天数', 'Days past due'),
  bucket: x('账龄', 'Ageing'),
  settled: x('已结清', 'settled'),
  payments: x('回款记录', 'Payments'),
  paidAt: x('日期', 'Date'),
  method: x('方式', 'Method'),
  voucher: x('凭证号', 'Voucher'),
  openCustomer: x('打开购货单位', 'Open customer'),
  noInvoices: x('没有发票', 'No invoices'),
  // invoice page
  invoicePage: x('开具发票', 'Issue invoice'),
  chooseCustomer: x('选择购货单位', 'Choose a customer'),
  slipsToInvoice: x('已复核、未开票的出库单', 'Reviewed slips not yet invoiced'),
  noSlips: x('没有可开票的出库单', 'No slips to invoice'),
  type: x('发票类型', 'Invoice type'),
  vatSpecial: x('增值税专用发票', 'VAT special invoice'),
  vatOrdinary: x('增值税普通发票', 'VAT ordinary invoice'),
  form: x('品种列示', 'Goods'),
  itemised: x('发票上列明全部品种', 'itemised on the invoice'),
  listAttached: x('附销售货物清单', 'goods list attached'),
  selected: x('已选 {n} 张，金额', '{n} selected, amount'),
  submitInvoice: x('开具', 'Issue'),
  invoiceDone: x('发票 {no} 已开具，金额 {amount}', 'Invoice {no} issued for {amount}'),
} satisfies Record<string, Text>;

export function useText() {
  const [locale] = useLocaleState();
  return (text: Text, params: Record<string, string | number> = {}) =>
    pick(text, locale).replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}
