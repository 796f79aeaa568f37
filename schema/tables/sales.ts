import { defineResource, f, req } from '../define';
import { APPROVAL_ROLE, CONTRACT_STATUS, ORDER_STATUS, PAYMENT_METHOD } from '../enums';

export const contracts = defineResource({
  name: 'contracts',
  label: ['购销合同', 'Contracts'],
  area: 'sales',
  fields: {
    contract_no: f.text('合同编号/合同号', 'Contract no.', req),
    customer: f.ref('customers', '单位名称', 'Customer', req),
    salesperson: f.ref('salespeople', '销售人员', 'Salesperson'),
    amount: f.money('合同金额', 'Amount', req),
    signed_at: f.date('签订日期', 'Signed on'),
    quality_terms: f.textarea('质量条款', 'Quality terms'),
    quantity_price_terms: f.textarea('数量与单价', 'Quantity and price'),
    delivery_terms: f.textarea('交货方式及日期', 'Delivery method and date'),
    payment_method: f.enum(PAYMENT_METHOD, '付款方式', 'Payment method'),
    payment_days: f.int('付款期限(天)', 'Payment term (days)'),
    after_sales_terms: f.textarea('售后服务约定', 'After-sales terms'),
    status: f.enum(CONTRACT_STATUS, '状态', 'Status', { ...req, default: 'draft' }),
    approved_by: f.text('审批人', 'Approved by'),
    approved_role: f.enum(APPROVAL_ROLE, '审批级别', 'Approval level'),
    approved_at: f.date('审批日期', 'Approved on'),
  },
  list: ['contract_no', 'customer', 'salesperson', 'amount', 'signed_at', 'status'],
  filters: ['customer', 'salesperson', 'status', 'signed_at'],
  search: ['contract_no', 'customer.name'],
  display: ['contract_no'],
  naturalKey: [['contract_no']],
  sort: ['signed_at', 'DESC'],
  attachments: [{ kind: 'contract_scan' }],
  sortable: ['contract_no', 'signed_at', 'amount'],
});

export const salesOrders = defineResource({
  name: 'sales_orders',
  label: ['销售单', 'Sales orders'],
  area: 'sales',
  fields: {
    order_no: f.text('单据编号/销售单号/单号', 'Order no.', req),
    customer: f.ref('customers', '购货单位', 'Customer', req),
    salesperson: f.ref('salespeople', '销售人员/业务员/销售员', 'Salesperson', { ...req, legacy: true }),
    contract: f.ref('contracts', '合同编号', 'Contract'),
    sale_date: f.date('销售日期/单据日期', 'Sale date', req),
    payment_method: f.enum(PAYMENT_METHOD, '付款方式/结算方式', 'Payment method'),
    status: f.enum(ORDER_STATUS, '状态', 'Status', { ...req, default: 'draft' }),
    remark: f.textarea('备注', 'Remark'),
  },
  list: ['order_no', 'sale_date', 'customer', 'salesperson', 'contract', 'status'],
  filters: ['customer', 'salesperson', 'contract', 'status', 'sale_date'],
  search: ['order_no', 'customer.name'],
  display: ['order_no'],
  naturalKey: [['order_no']],
  sort: ['sale_date', 'DESC'],
  indexes: [['customer', 'sale_date']],
  sortable: ['sale_date'],
  textIndex: ['order_no'],
});

export const salesLines = defineResource({
  name: 'sales_lines',
  label: ['销售明细', 'Sales lines'],
  area: 'sales',
  fields: {
    order: f.ref('sales_orders', '单据编号', 'Order', req),
    // Copied from the order by the write service: the line list filters and sorts on them at 1M+ rows.
    sale_date: f.date('销售日期', 'Sale date', { readOnly: true, derive: { via: 'order', field: 'sale_date' } }),
    customer: f.ref('customers', '购货单位', 'Customer', { readOnly: true, derive: { via: 'order', field: 'customer' } }),
    product: f.ref('products', '通用名称', 'Product', req),
    batch: f.ref('batches', '批号', 'Batch', { ...req, legacy: true }),
    quantity: f.number('数量/销售数量', 'Quantity', req),
    unit_price: f.money('单价/销售单价/含税单价', 'Unit price', req),
    amount: f.money('金额/销售金额/含税金额/价税合计', 'Amount', req),
    price_approved_by: f.text('超限价审批人/价格审批人', 'Price approved by'),
    handler: f.text('经办人', 'Handler'),
    responsible: f.text('负责人', 'Responsible'),
  },
  list: ['order', 'sale_date', 'customer', 'product', 'batch', 'quantity', 'unit_price', 'amount'],
  filters: ['order', 'customer', 'product', 'batch', 'sale_date'],
  search: ['product.generic_name', 'customer.name', 'order.order_no'],
  display: ['id'],
  sort: ['sale_date', 'DESC'],
  parent: { resource: 'sales_orders', field: 'order', inline: true },
  // Hot list queries at 1M+ lines (bench/list-api.ts). Lists show live lines (voided_at IS NULL), so
  // voided_at sits between the equality and the date: the count is answered from the index alone and the
  // page by date needs no row reads but its own 25 (a `q` on a product name becomes product IN (…)).
  // A product's lines carry their prices in its index: its price sets where its lines sit in the whole list by
  // unit price or amount, so walking that order for one product passes most of the list (server/crud/sort-walk.ts),
  // and its matches sorted by price are read from this index alone (the biggest product: 45k lines, without it
  // ≈ 50 ms of row reads; id spelled out for PostgreSQL's index-only scan, SQLite's indexes end with it anyway).
  indexes: [
    ['customer', 'voided_at', 'sale_date'],
    ['product', 'voided_at', 'sale_date', 'unit_price', 'amount', 'id'],
  ],
  sortable: ['sale_date', 'quantity', 'unit_price', 'amount'],
});

export const specialChecks = defineResource({
  name: 'special_checks',
  label: ['特药销售核实记录', 'Special-drug checks'],
  area: 'sales',
  fields: {
    order: f.ref('sales_orders', '单据编号', 'Order', req),
    contract_obtained: f.bool('已索取购销合同', 'Contract obtained'),
    identity_verified: f.bool('已核实采购人员身份', 'Purchaser identity verified'),
    authenticity_verified: f.bool('已核实购买真实性', 'Purchase authenticity verified'),
    verified_by: f.text('核实人', 'Verified by'),
    verified_at: f.datetime('核实时间/特药核实日期/核实日期', 'Verified at', req),
  },
  filters: ['order', 'verified_at'],
  search: ['verified_by', 'order.order_no'],
  display: ['verified_at'],
  naturalKey: [['order']],
  sort: ['verified_at', 'DESC'],
  sortable: ['verified_at'],
});
