import { defineResource, f, req } from '../define';
import { INVOICE_TYPE, PAYMENT_METHOD } from '../enums';

export const outboundSlips = defineResource({
  name: 'outbound_slips',
  label: ['出库单', 'Outbound slips'],
  area: 'fulfilment',
  fields: {
    slip_no: f.text('出库单号', 'Slip no.', req),
    order: f.ref('sales_orders', '单据编号', 'Order', req),
    outbound_date: f.date('出库日期/发货日期', 'Outbound date', req),
    issued_by: f.text('开票员/开票人', 'Issued by'),
    picked_by: f.text('库管员/发货人/保管员', 'Picked by'),
    reviewed_by: f.text('复核员/复核人', 'Reviewed by'),
    reviewed_at: f.datetime('复核时间', 'Reviewed at'),
    receipt_confirmed_at: f.date('收货确认日期/到货确认', 'Receipt confirmed on'),
    arrival_verified_at: f.date('到货核实日期', 'Arrival verified on'),
    arrival_verified_by: f.text('到货核实人', 'Arrival verified by'),
  },
  list: ['slip_no', 'order', 'outbound_date', 'picked_by', 'reviewed_by', 'receipt_confirmed_at'],
  filters: ['order', 'outbound_date', 'reviewed_by', 'receipt_confirmed_at'],
  search: ['slip_no', 'order.order_no'],
  display: ['slip_no'],
  naturalKey: [['slip_no']],
  sort: ['outbound_date', 'DESC'],
  sortable: ['outbound_date'],
});

export const invoices = defineResource({
  name: 'invoices',
  label: ['发票', 'Invoices'],
  area: 'fulfilment',
  fields: {
    invoice_no: f.text('发票号/发票号码', 'Invoice no.', req),
    type: f.enum(INVOICE_TYPE, '发票类型', 'Type', req),
    customer: f.ref('customers', '单位名称', 'Customer', req),
    invoice_date: f.date('开票日期', 'Invoice date', req),
    amount: f.money('价税合计', 'Amount incl. tax', req),
    itemised: f.bool('已列明全部品种', 'All goods itemised'),
    list_attached: f.bool('附销售清单', 'Goods list attached'),
  },
  list: ['invoice_no', 'type', 'customer', 'invoice_date', 'amount', 'itemised'],
  filters: ['customer', 'type', 'invoice_date'],
  search: ['invoice_no', 'customer.name'],
  display: ['invoice_no'],
  naturalKey: [['invoice_no']],
  sort: ['invoice_date', 'DESC'],
  sortable: ['invoice_date', 'amount'],
});

export const invoiceSlips = defineResource({
  name: 'invoice_slips',
  label: ['发票对应出库单', 'Invoice slips'],
  area: 'fulfilment',
  menu: false,
  fields: {
    invoice: f.ref('invoices', '发票号', 'Invoice', req),
    slip: f.ref('outbound_slips', '出库单号', 'Outbound slip', req),
  },
  filters: ['invoice', 'slip'],
  display: ['id'],
  naturalKey: [['invoice', 'slip']],
  parent: { resource: 'invoices', field: 'invoice' },
});

export const invoiceLines = defineResource({
  name: 'invoice_lines',
  label: ['发票明细', 'Invoice lines'],
  area: 'fulfilment',
  menu: false,
  fields: {
    invoice: f.ref('invoices', '发票号', 'Invoice', req),
    product: f.ref('products', '通用名称', 'Product', req),
    quantity: f.number('数量', 'Quantity', req),
    amount: f.money('金额', 'Amount', req),
  },
  filters: ['invoice', 'product'],
  display: ['id'],
  parent: { resource: 'invoices', field: 'invoice' },
});

export const payments = defineResource({
  name: 'payments',
  label: ['回款', 'Payments'],
  area: 'fulfilment',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer', req),
    invoice: f.ref('invoices', '发票号', 'Invoice'),
    amount: f.money('金额', 'Amount', req),
    paid_at: f.date('日期', 'Paid on', req),
    method: f.enum(PAYMENT_METHOD, '方式', 'Method', req),
    voucher_no: f.text('凭证号', 'Voucher no.'),
  },
  filters: ['customer', 'invoice', 'method', 'paid_at'],
  search: ['voucher_no', 'customer.name'],
  display: ['voucher_no'],
  naturalKey: [['voucher_no']],
  sort: ['paid_at', 'DESC'],
  sortable: ['paid_at', 'amount'],
});
