/**
 * The salesperson's management records of 第二篇 3.3 and 第五篇 4.3: the periodic assessment (考核) and the
 * filing of the in-range prices a salesperson sets (报公司备案).
 */
import { defineResource, f, req } from '../define';
import { ASSESSMENT_CONCLUSION, PRICE_FILING_STATUS } from '../enums-quality';

export const salespersonAssessments = defineResource({
  name: 'salesperson_assessments',
  label: ['销售人员考核', 'Salesperson assessments'],
  area: 'parties',
  fields: {
    salesperson: f.ref('salespeople', '销售人员/姓名', 'Salesperson', req),
    period_from: f.date('考核期起', 'Period from', req),
    period_to: f.date('考核期止', 'Period to', req),
    assessor: f.text('考核人', 'Assessor', req),
    score: f.number('考核得分', 'Score'),
    // counted by the server from the rule findings of the salesperson's records dated in the period
    findings_count: f.int('期内规则发现数', 'Findings in the period', { readOnly: true }),
    conclusion: f.enum(ASSESSMENT_CONCLUSION, '考核结论', 'Conclusion', req),
    comments: f.textarea('考核意见', 'Comments'),
  },
  list: ['salesperson', 'period_from', 'period_to', 'assessor', 'score', 'findings_count', 'conclusion'],
  filters: ['salesperson', 'conclusion', 'period_to'],
  search: ['assessor', 'comments', 'salesperson.name'],
  display: ['period_to'],
  naturalKey: [['salesperson', 'period_from']],
  sort: ['period_to', 'DESC'],
});

export const priceFilings = defineResource({
  name: 'price_filings',
  label: ['价格备案', 'Price filings'],
  area: 'sales',
  fields: {
    filing_no: f.text('备案编号', 'Filing no.', { ...req, autoNumber: true }),
    salesperson: f.ref('salespeople', '销售人员/业务员', 'Salesperson', req),
    period_from: f.date('备案期起', 'Period from', req),
    period_to: f.date('备案期止', 'Period to', req),
    // derived by the server from the salesperson's sales lines in the period (in-range, not price-approved)
    product_count: f.int('品种数', 'Products', { readOnly: true }),
    prices: f.textarea('限价幅度内价格明细', 'In-range prices', { readOnly: true }),
    remarks: f.textarea('备注', 'Remarks'),
    status: f.enum(PRICE_FILING_STATUS, '状态', 'Status', { ...req, default: 'draft' }),
    submitted_at: f.date('报备日期', 'Filed on'),
    acknowledged_by: f.text('确认人', 'Acknowledged by'),
    acknowledged_at: f.date('确认日期', 'Acknowledged on'),
  },
  list: ['filing_no', 'salesperson', 'period_from', 'period_to', 'product_count', 'status', 'acknowledged_at'],
  filters: ['salesperson', 'status', 'period_to'],
  search: ['filing_no', 'prices', 'salesperson.name'],
  display: ['filing_no'],
  naturalKey: [['filing_no'], ['salesperson', 'period_from']],
  sort: ['period_to', 'DESC'],
});
