/**
 * The enums of the staff and quality records (#14: assessments, trainings of every post, product information
 * material, market reports, price filings, corrective actions), declared once like schema/enums.ts.
 */
import { defineEnum } from './enums';

export const ASSESSMENT_CONCLUSION = defineEnum({
  passed: ['合格', 'Passed'],
  improve: ['基本合格（限期改进）', 'Passed, to improve'],
  failed: ['不合格', 'Failed'],
});
/** 第一篇 4: after-sales staff are trained too; a salesperson's trainings count for the 上岗 qualification. */
export const STAFF_POST = defineEnum({
  sales: ['销售人员', 'Salesperson'],
  after_sales: ['售后服务人员', 'After-sales staff'],
  other: ['其他岗位', 'Other post'],
});
export const MATERIAL_STATUS = defineEnum({
  draft: ['草稿', 'Draft'],
  approved: ['已批准', 'Approved'],
  superseded: ['已被新版本取代', 'Superseded'],
});
export const MARKET_REPORT_STATUS = defineEnum({
  draft: ['草稿', 'Draft'],
  submitted: ['已报送领导', 'Sent to management'],
  read: ['领导已阅', 'Read by management'],
});
export const PRICE_FILING_STATUS = defineEnum({
  draft: ['草稿', 'Draft'],
  submitted: ['已报公司备案', 'Filed'],
  acknowledged: ['销售部负责人已确认', 'Acknowledged'],
});
export const CORRECTIVE_SOURCE = defineEnum({
  complaint: ['投诉', 'Complaint'],
  quality_feedback: ['质量信息反馈', 'Quality feedback'],
  visit: ['顾客访问意见', 'Visit opinion'],
  other: ['其他', 'Other'],
});
export const CORRECTIVE_STATUS = defineEnum({
  open: ['待实施', 'Open'],
  done: ['已实施待验证', 'Done, to verify'],
  verified: ['质管部已验证', 'Verified by QA'],
});
