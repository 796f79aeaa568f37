/**
 * Quality records of the procedures that had no home: the approved product information material
 * (第二篇 3.7, 第四篇 一.8, 第五篇 3.1), market and price information for management (第三篇 九, 第四篇 二.6)
 * and the corrective actions complaints, feedback and visits lead to (第二篇 3.13, 第三篇 四).
 */
import { defineResource, f, req } from '../define';
import { CORRECTIVE_SOURCE, CORRECTIVE_STATUS, MARKET_REPORT_STATUS, MATERIAL_STATUS } from '../enums-quality';

export const productMaterials = defineResource({
  name: 'product_materials',
  label: ['产品介绍资料', 'Product information material'],
  area: 'products',
  fields: {
    product: f.ref('products', '通用名称', 'Product', req),
    // the next version of the product's material, numbered by the server
    edition: f.int('版本号', 'Edition', { readOnly: true }),
    title: f.text('资料名称', 'Title', req),
    content: f.textarea('介绍内容', 'Content', req),
    status: f.enum(MATERIAL_STATUS, '状态', 'Status', { ...req, default: 'draft' }),
    approved_by: f.text('批准人', 'Approved by'),
    approved_at: f.date('批准日期', 'Approved on'),
  },
  list: ['product', 'edition', 'title', 'status', 'approved_by', 'approved_at'],
  filters: ['product', 'status'],
  search: ['title', 'content', 'product.generic_name'],
  display: ['title', 'edition'],
  naturalKey: [['product', 'edition']],
  sort: ['id', 'DESC'],
});

export const marketReports = defineResource({
  name: 'market_reports',
  label: ['市场与价格信息', 'Market and price information'],
  area: 'aftersales',
  fields: {
    report_no: f.text('编号', 'Report no.', { ...req, autoNumber: true }),
    reported_at: f.date('报告日期', 'Reported on', req),
    reporter: f.text('报告人', 'Reporter', req),
    region: f.text('地区', 'Region'),
    product: f.ref('products', '本企业品种', 'Our product'),
    competitor_product: f.text('同行业产品', 'Competitor product', req),
    competitor_maker: f.text('生产企业', 'Manufacturer'),
    market_price: f.money('市场价格', 'Market price'),
    quality_info: f.textarea('质量信息', 'Quality information'),
    summary: f.textarea('市场信息与建议', 'Information and suggestion', req),
    status: f.enum(MARKET_REPORT_STATUS, '状态', 'Status', { ...req, default: 'draft' }),
    submitted_at: f.date('报送日期', 'Sent on'),
    // the read receipts, one line per reader: who (and as what) read it, when
    read_receipts: f.textarea('阅读回执', 'Read receipts'),
    last_read_at: f.datetime('最近阅读时间', 'Last read at'),
  },
  list: ['report_no', 'reported_at', 'reporter', 'competitor_product', 'market_price', 'status', 'last_read_at'],
  filters: ['status', 'product', 'reported_at'],
  search: ['report_no', 'competitor_product', 'summary', 'reporter'],
  display: ['report_no'],
  naturalKey: [['report_no']],
  sort: ['reported_at', 'DESC'],
});

export const correctiveActions = defineResource({
  name: 'corrective_actions',
  label: ['质量改进措施', 'Corrective actions'],
  area: 'aftersales',
  fields: {
    action_no: f.text('编号', 'Action no.', { ...req, autoNumber: true }),
    source: f.enum(CORRECTIVE_SOURCE, '来源', 'Source', req),
    complaint: f.ref('complaints', '投诉编号', 'Complaint'),
    quality_feedback: f.ref('quality_feedback', '反馈表编号', 'Quality feedback'),
    visit: f.ref('visits', '访问记录', 'Visit'),
    cause: f.textarea('原因分析', 'Cause', req),
    action: f.textarea('改进措施', 'Action', req),
    owner: f.text('责任人', 'Owner', req),
    due_date: f.date('完成期限', 'Due date', req),
    status: f.enum(CORRECTIVE_STATUS, '状态', 'Status', { ...req, default: 'open' }),
    completed_at: f.date('实施完成日期', 'Completed on'),
    result: f.textarea('实施情况', 'Result'),
    verification: f.textarea('验证结论', 'Verification'),
    verified_by: f.text('验证人', 'Verified by'),
    verified_at: f.date('验证日期', 'Verified on'),
  },
  list: ['action_no', 'source', 'owner', 'due_date', 'status', 'completed_at', 'verified_at'],
  filters: ['source', 'status', 'complaint', 'quality_feedback', 'visit', 'due_date'],
  search: ['action_no', 'cause', 'action', 'owner'],
  display: ['action_no'],
  naturalKey: [['action_no']],
  sort: ['due_date', 'ASC'],
});
