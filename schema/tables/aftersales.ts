import { defineResource, f, req } from '../define';
import {
  ADR_SEVERITY, COMPLAINT_CHANNEL, COMPLAINT_STATUS, FEEDBACK_SOURCE, FEEDBACK_STATUS, NOTICE_METHOD, RECALL_INITIATOR,
  RECALL_LEVEL, RECALL_STATUS, VISIT_KIND,
} from '../enums';

export const visits = defineResource({
  name: 'visits', label: ['顾客访问/售后服务记录', 'Customer visits'], area: 'aftersales',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer', req),
    visit_date: f.date('日期', 'Date', req),
    kind: f.enum(VISIT_KIND, '方式', 'Kind', req),
    staff: f.text('服务人员', 'Staff', req),
    product: f.ref('products', '通用名称', 'Product'),
    opinions: f.textarea('顾客意见', 'Customer opinions'),
    actions: f.textarea('处理措施', 'Actions'),
    feedback_at: f.date('反馈日期', 'Feedback on'),
    material: f.ref('product_materials', '所用产品资料', 'Material used'),
  },
  filters: ['customer', 'kind', 'visit_date'], search: ['staff', 'opinions', 'customer.name'], display: ['visit_date'],
  sort: ['visit_date', 'DESC'],
  sortable: ['visit_date'],
});

export const complaints = defineResource({
  name: 'complaints', label: ['投诉', 'Complaints'], area: 'aftersales',
  fields: {
    complaint_no: f.text('编号', 'Complaint no.', { ...req, autoNumber: true }),
    customer: f.ref('customers', '单位名称', 'Customer', req),
    channel: f.enum(COMPLAINT_CHANNEL, '渠道', 'Channel', req),
    received_at: f.date('受理日期', 'Received on', req),
    product: f.ref('products', '通用名称', 'Product'),
    batch: f.ref('batches', '批号', 'Batch'),
    description: f.textarea('问题描述', 'Description', req),
    investigation: f.textarea('调查与评估', 'Investigation'),
    measures: f.textarea('处理措施', 'Measures'),
    feedback_at: f.date('反馈日期', 'Feedback on'),
    follow_up: f.textarea('事后跟踪', 'Follow-up'),
    reported_to_qa_at: f.date('报质管部日期', 'Reported to QA on'),
    status: f.enum(COMPLAINT_STATUS, '状态', 'Status', { ...req, default: 'open' }),
    material: f.ref('product_materials', '所用产品资料', 'Material used'),
  },
  list: ['complaint_no', 'customer', 'channel', 'received_at', 'product', 'status'],
  filters: ['customer', 'channel', 'status', 'product', 'received_at'],
  search: ['complaint_no', 'description', 'customer.name'], display: ['complaint_no'],
  naturalKey: [['complaint_no']], sort: ['received_at', 'DESC'],
  sortable: ['received_at'],
});

export const qualityFeedback = defineResource({
  name: 'quality_feedback', label: ['质量信息反馈处理表', 'Quality feedback'], area: 'aftersales',
  fields: {
    form_no: f.text('编号', 'Form no.', { ...req, autoNumber: true }),
    source: f.enum(FEEDBACK_SOURCE, '来源', 'Source', req),
    customer: f.ref('customers', '单位名称', 'Customer'),
    product: f.ref('products', '通用名称', 'Product'),
    batch: f.ref('batches', '批号', 'Batch'),
    description: f.textarea('质量问题', 'Quality problem', req),
    analysis: f.textarea('原因分析', 'Analysis'),
    handling: f.textarea('处理意见', 'Handling'),
    reported_at: f.date('上报日期', 'Reported on'),
    status: f.enum(FEEDBACK_STATUS, '状态', 'Status', { ...req, default: 'open' }),
  },
  list: ['form_no', 'source', 'customer', 'product', 'reported_at', 'status'],
  filters: ['source', 'customer', 'product', 'status'], search: ['form_no', 'description', 'customer.name'],
  display: ['form_no'], naturalKey: [['form_no']], sort: ['id', 'DESC'],
  sortable: ['reported_at'],
});

export const adverseReactions = defineResource({
  name: 'adverse_reactions', label: ['不良反应', 'Adverse reactions'], area: 'aftersales',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer'),
    product: f.ref('products', '通用名称', 'Product', req),
    batch: f.ref('batches', '批号', 'Batch'),
    patient: f.text('患者信息', 'Patient (age and sex only)'),
    reaction: f.textarea('不良反应表现', 'Reaction', req),
    severity: f.enum(ADR_SEVERITY, '严重程度', 'Severity', req),
    onset_date: f.date('发生日期', 'Onset date'),
    received_at: f.date('获知日期', 'Received on', req),
    forwarded_to_qa_at: f.date('报质管部日期', 'Forwarded to QA on'),
    reported_at: f.date('上报监管日期', 'Reported to regulator on'),
  },
  list: ['product', 'customer', 'severity', 'received_at', 'forwarded_to_qa_at', 'reported_at'],
  filters: ['customer', 'product', 'severity', 'received_at'], search: ['reaction', 'product.generic_name'],
  display: ['received_at'], sort: ['received_at', 'DESC'],
  sortable: ['received_at', 'reported_at'],
});

export const recalls = defineResource({
  name: 'recalls', label: ['召回', 'Recalls'], area: 'aftersales',
  fields: {
    recall_no: f.text('召回编号', 'Recall no.', { ...req, autoNumber: true }),
    product: f.ref('products', '通用名称', 'Product', req),
    batches: f.list('召回批号', 'Batch numbers', req),
    level: f.enum(RECALL_LEVEL, '召回级别', 'Level', req),
    initiated_by: f.enum(RECALL_INITIATOR, '发起方', 'Initiated by', req),
    reason: f.textarea('原因', 'Reason', req),
    started_at: f.date('开始日期', 'Started on', req),
    status: f.enum(RECALL_STATUS, '状态', 'Status', { ...req, default: 'open' }),
  },
  list: ['recall_no', 'product', 'batches', 'level', 'started_at', 'status'],
  filters: ['product', 'level', 'status', 'started_at'], search: ['recall_no', 'reason', 'product.generic_name'],
  display: ['recall_no'], naturalKey: [['recall_no']], sort: ['started_at', 'DESC'],
  sortable: ['started_at'],
});

export const recallNotices = defineResource({
  name: 'recall_notices', label: ['召回通知', 'Recall notices'], area: 'aftersales',
  fields: {
    recall: f.ref('recalls', '召回编号', 'Recall', req),
    customer: f.ref('customers', '单位名称', 'Customer', req),
    quantity_sold: f.number('销售数量', 'Quantity sold', { readOnly: true }),
    notified_at: f.date('通知日期', 'Notified on'),
    method: f.enum(NOTICE_METHOD, '方式', 'Method'),
    acknowledged_at: f.date('确认日期', 'Acknowledged on'),
    quantity_returned: f.number('退回数量', 'Quantity returned'),
  },
  filters: ['recall', 'customer', 'notified_at'], search: ['customer.name', 'recall.recall_no'], display: ['id'],
  naturalKey: [['recall', 'customer']], sort: ['id', 'DESC'], parent: { resource: 'recalls', field: 'recall' },
  sortable: ['notified_at'],
});
