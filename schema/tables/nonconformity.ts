/**
 * 第四篇 一.6: a batch QA finds (or the regulator declares) nonconforming may not be sold, and what was sold
 * must be called back. Marking a batch 不合格 opens one of these at once (server/services/workflows/nonconformity),
 * listing who received it; QA then opens a recall of the right level, or notifies the customers without one.
 */
import { defineResource, f, req } from '../define';
import { NONCONFORMITY_DECISION, NONCONFORMITY_STATUS } from '../enums';
import { noticeFields } from './aftersales';

export const nonconformities = defineResource({
  name: 'nonconformities',
  label: ['已售不合格品处理', 'Nonconforming goods sold'],
  area: 'aftersales',
  fields: {
    case_no: f.text('编号', 'Case no.', { ...req, autoNumber: true }),
    batch: f.ref('batches', '批号', 'Batch', req),
    product: f.ref('products', '通用名称', 'Product', { readOnly: true, derive: { via: 'batch', field: 'product' } }),
    found_at: f.date('判定不合格日期', 'Found nonconforming on', req),
    reason: f.textarea('不合格原因', 'Reason', req),
    customers_count: f.int('已售客户数', 'Customers who received it', { readOnly: true }),
    quantity_sold: f.number('已售数量', 'Quantity sold', { readOnly: true }),
    decision: f.enum(NONCONFORMITY_DECISION, '处理决定', 'Decision', { ...req, default: 'pending' }),
    decided_at: f.date('决定日期', 'Decided on'),
    decision_note: f.textarea('决定说明', 'Decision note'),
    recall: f.ref('recalls', '召回编号', 'Recall'),
    status: f.enum(NONCONFORMITY_STATUS, '状态', 'Status', { ...req, default: 'open' }),
  },
  list: ['case_no', 'product', 'batch', 'found_at', 'customers_count', 'decision', 'status'],
  filters: ['product', 'batch', 'decision', 'status', 'found_at'],
  search: ['case_no', 'reason', 'product.generic_name'],
  display: ['case_no'],
  naturalKey: [['case_no']],
  sort: ['found_at', 'DESC'],
});

/** One customer to tell when QA decided on notices without a recall: told (how, when), confirmed, goods back. */
export const nonconformityNotices = defineResource({
  name: 'nonconformity_notices',
  label: ['不合格品收回通知', 'Nonconforming-goods notices'],
  area: 'aftersales',
  fields: {
    nonconformity: f.ref('nonconformities', '编号', 'Case', req),
    ...noticeFields(),
  },
  filters: ['nonconformity', 'customer', 'notified_at'],
  search: ['customer.name', 'nonconformity.case_no'],
  display: ['id'],
  naturalKey: [['nonconformity', 'customer']],
  sort: ['id', 'DESC'],
  parent: { resource: 'nonconformities', field: 'nonconformity' },
});
