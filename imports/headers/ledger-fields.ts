/**
 * The flat legacy sales ledger (import kind `sales-ledger`): DOMAIN.md's table of columns and their header
 * aliases, as data. The first alias is the column's template header. `kind` says how values are normalised;
 * `code` marks identifiers kept as text (batch `00123`).
 */
import type { FieldKind } from '../../schema/define';
import { INVOICE_TYPE, PAYMENT_METHOD, type EnumDef } from '../../schema/enums';

export interface LedgerField {
  key: string;
  aliases: readonly string[];
  en: string;
  kind: FieldKind;
  enum?: EnumDef;
  code?: boolean;
}

export const SALES_LEDGER_KIND = 'sales-ledger';

const t = (key: string, en: string, aliases: string[], more: Partial<LedgerField> = {}): LedgerField =>
  ({ key, en, aliases, kind: 'text', ...more });

export const LEDGER_FIELDS: readonly LedgerField[] = [
  t('order_no', 'Order no.', ['单据编号', '销售单号', '单号', '出库单号', '票据号'], { code: true }),
  t('sale_date', 'Sale date', ['销售日期', '日期', '开票日期', '单据日期'], { kind: 'date' }),
  t('outbound_date', 'Outbound date', ['出库日期', '发货日期'], { kind: 'date' }),
  t('customer', 'Customer', ['购货单位', '客户名称', '客户', '单位名称', '购货者', '收货单位']),
  t('customer_credit_code', 'Unified credit code', ['统一社会信用代码', '信用代码'], { code: true }),
  t('generic_name', 'Generic name', ['通用名称', '药品名称', '品名', '产品名称', '名称']),
  t('trade_name', 'Trade name', ['商品名']),
  t('dosage_form', 'Dosage form', ['剂型']),
  t('spec', 'Specification', ['规格', '规格型号', '型号']),
  t('unit', 'Unit', ['单位']),
  t('manufacturer', 'Manufacturer', ['生产厂商', '生产企业', '生产厂家', '厂家']),
  t('approval_no', 'Approval no.', ['批准文号', '注册证号', '注册证编号', '备案凭证编号'], { code: true }),
  t('batch_no', 'Batch no.', ['批号', '生产批号', '批号/序列号', '序列号'], { code: true }),
  t('production_date', 'Production date', ['生产日期'], { kind: 'date' }),
  t('expiry_date', 'Expiry date', ['有效期至', '有效期', '效期', '失效日期'], { kind: 'date' }),
  t('sterilization_batch', 'Sterilisation batch', ['灭菌批号'], { code: true }),
  t('quantity', 'Quantity', ['数量', '出库数量', '销售数量'], { kind: 'number' }),
  t('unit_price', 'Unit price', ['单价', '销售单价', '含税单价'], { kind: 'money' }),
  t('amount', 'Amount', ['金额', '销售金额', '含税金额', '价税合计'], { kind: 'money' }),
  t('salesperson', 'Salesperson', ['业务员', '销售员', '销售人员']),
  t('issued_by', 'Issued by', ['开票员', '开票人']),
  t('picked_by', 'Picked by', ['库管员', '发货人', '保管员']),
  t('reviewed_by', 'Reviewed by', ['复核员', '复核人']),
  t('receipt_confirmed_at', 'Receipt confirmed on', ['收货确认日期', '到货确认'], { kind: 'date' }),
  t('invoice_no', 'Invoice no.', ['发票号', '发票号码'], { code: true }),
  t('invoice_type', 'Invoice type', ['发票类型'], { kind: 'enum', enum: INVOICE_TYPE }),
  t('payment_method', 'Payment method', ['付款方式', '结算方式'], { kind: 'enum', enum: PAYMENT_METHOD }),
  t('contract_no', 'Contract no.', ['合同号', '合同编号'], { code: true }),
  t('handler', 'Handler', ['经办人']),
  t('responsible', 'Responsible', ['负责人']),
  t('special_verified_at', 'Special-drug check date', ['特药核实日期', '核实日期'], { kind: 'datetime' }),
  t('special_verified_by', 'Verified by', ['核实人']),
  t('arrival_verified_at', 'Arrival verified on', ['到货核实日期'], { kind: 'date' }),
  t('price_approved_by', 'Price approved by', ['超限价审批人', '价格审批人']),
  t('remark', 'Remark', ['备注'], { kind: 'textarea' }),
];
