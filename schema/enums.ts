/**
 * Every enum of DOMAIN.md, declared once. Keys are stored and sent over the API; the Chinese label is
 * shown and accepted on import (the English label in the English UI).
 */
export type Label = readonly [zh: string, en: string];
export interface EnumDef<K extends string = string> {
  readonly values: readonly [K, ...K[]];
  readonly labels: Readonly<Record<K, Label>>;
}

export function defineEnum<const L extends Record<string, Label>>(labels: L): EnumDef<Extract<keyof L, string>> {
  return { values: Object.keys(labels) as unknown as [Extract<keyof L, string>], labels };
}

export const COMPANY_LICENSE_KIND = defineEnum({
  drug_business: ['药品经营许可证', 'Drug business licence'],
  device_business: ['医疗器械经营许可证', 'Device business licence'],
  device_filing: ['第二类医疗器械经营备案凭证', 'Class II device filing'],
  business: ['营业执照', 'Business licence'],
});
export const BUSINESS_MODE = defineEnum({ wholesale: ['批发', 'Wholesale'], retail: ['零售', 'Retail'] });
export const CUSTOMER_TYPE = defineEnum({
  wholesaler: ['药品批发企业', 'Drug wholesaler'],
  retailer: ['药品零售企业', 'Drug retailer'],
  medical_institution: ['医疗机构', 'Medical institution'],
  device_dealer: ['医疗器械经营企业', 'Device dealer'],
  other_legal: ['其他合法单位', 'Other legal entity'],
  individual: ['个人', 'Individual'],
});
export const QA_STATUS = defineEnum({
  pending: ['待审核', 'Pending'],
  approved: ['已审核', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
});
export const CUSTOMER_LICENSE_KIND = defineEnum({
  drug_business: ['药品经营许可证', 'Drug business licence'],
  medical_institution: ['医疗机构执业许可证', 'Medical institution licence'],
  device_business: ['医疗器械经营许可证', 'Device business licence'],
  device_filing: ['第二类医疗器械经营备案凭证', 'Class II device filing'],
  business: ['营业执照', 'Business licence'],
});
export const AGENT_ROLE = defineEnum({
  legal_rep: ['法定代表人', 'Legal representative'],
  responsible: ['分管负责人', 'Responsible person'],
  purchaser: ['采购人员', 'Purchaser'],
  receiver: ['提货人员', 'Receiver'],
});
export const PRODUCT_KIND = defineEnum({ drug: ['药品', 'Drug'], device: ['医疗器械', 'Medical device'] });
export const DEVICE_CLASS = defineEnum({ I: ['第一类', 'Class I'], II: ['第二类', 'Class II'], III: ['第三类', 'Class III'] });
export const SPECIAL_CONTROL = defineEnum({
  ephedrine: ['含麻黄碱类复方制剂', 'Ephedrine compound'],
  codeine: ['含可待因复方口服溶液', 'Codeine oral solution'],
  other: ['其他含特殊药品复方制剂', 'Other special-drug compound'],
});
export const STORAGE = defineEnum({
  normal: ['常温', 'Room temperature'],
  cool: ['阴凉', 'Cool'],
  cold: ['冷藏', 'Refrigerated'],
  frozen: ['冷冻', 'Frozen'],
});
export const BATCH_STATUS = defineEnum({
  qualified: ['合格', 'Qualified'],
  quarantined: ['待验/暂停', 'Quarantined / on hold'],
  nonconforming: ['不合格', 'Nonconforming'],
  recalled: ['召回', 'Recalled'],
});
export const PAYMENT_METHOD = defineEnum({
  transfer: ['转账', 'Bank transfer'],
  cash: ['现金', 'Cash'],
  acceptance: ['承兑汇票', 'Acceptance bill'],
  other: ['其他', 'Other'],
});
export const CONTRACT_STATUS = defineEnum({
  draft: ['草稿', 'Draft'],
  pending: ['待审批', 'Pending approval'],
  approved: ['已审批', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
  signed: ['已签订', 'Signed'],
});
export const APPROVAL_ROLE = defineEnum({ sales_vp: ['销售副总', 'Sales VP'], gm: ['总经理', 'General manager'] });
export const ORDER_STATUS = defineEnum({
  draft: ['草稿', 'Draft'],
  confirmed: ['已确认', 'Confirmed'],
  shipped: ['已出库', 'Shipped'],
  completed: ['已完成', 'Completed'],
});
export const INVOICE_TYPE = defineEnum({
  vat_special: ['增值税专用发票', 'VAT special invoice'],
  vat_ordinary: ['增值税普通发票', 'VAT ordinary invoice'],
});
export const VISIT_KIND = defineEnum({
  scheduled: ['定期上门', 'Scheduled visit'],
  random: ['随机上门', 'Random visit'],
  phone: ['电话', 'Phone'],
  letter: ['函询', 'Letter'],
  maintenance: ['维修保养', 'Maintenance'],
});
export const COMPLAINT_CHANNEL = defineEnum({
  letter: ['来信', 'Letter'],
  phone: ['来电', 'Phone call'],
  visit: ['来访', 'Visit'],
  email: ['邮件', 'Email'],
  other: ['其他', 'Other'],
});
export const COMPLAINT_STATUS = defineEnum({
  open: ['待处理', 'Open'],
  investigating: ['调查中', 'Investigating'],
  handled: ['已处理', 'Handled'],
  closed: ['已关闭', 'Closed'],
});
export const FEEDBACK_SOURCE = defineEnum({
  customer: ['顾客反馈', 'Customer'],
  visit: ['顾客访问', 'Visit'],
  complaint: ['投诉', 'Complaint'],
  internal: ['内部发现', 'Internal'],
});
// DOMAIN.md leaves these two status sets open; these are the steps of 第三篇 七 / 第四篇 二.5 and 3.14.
export const FEEDBACK_STATUS = defineEnum({
  open: ['待处理', 'Open'],
  reported: ['已上报', 'Reported to QA'],
  handled: ['已处理', 'Handled'],
  closed: ['已关闭', 'Closed'],
});
export const ADR_SEVERITY = defineEnum({ general: ['一般', 'General'], serious: ['严重', 'Serious'], new: ['新的', 'New'] });
export const RECALL_LEVEL = defineEnum({ '1': ['一级', 'Level I'], '2': ['二级', 'Level II'], '3': ['三级', 'Level III'] });
export const RECALL_INITIATOR = defineEnum({
  manufacturer: ['生产企业', 'Manufacturer'],
  company: ['本企业', 'Our company'],
  regulator: ['监管部门', 'Regulator'],
});
export const RECALL_STATUS = defineEnum({
  open: ['进行中', 'In progress'],
  closed: ['已结束', 'Closed'],
});
export const NOTICE_METHOD = defineEnum({
  phone: ['电话', 'Phone'],
  letter: ['书面', 'Letter'],
  fax: ['传真', 'Fax'],
  email: ['邮件', 'Email'],
  visit: ['上门', 'In person'],
});
export const FINDING_STATUS = defineEnum({
  open: ['待处理', 'Open'],
  acknowledged: ['已确认', 'Acknowledged'],
  resolved: ['已解决', 'Resolved'],
  waived: ['已豁免', 'Waived'],
});
export const SEVERITY = defineEnum({ error: ['错误', 'Error'], warning: ['警告', 'Warning'] });
export const ROLE = defineEnum({
  admin: ['系统管理员', 'Administrator'],
  sales: ['销售员', 'Salesperson'],
  sales_head: ['销售部负责人', 'Head of sales'],
  sales_vp: ['销售副总', 'Sales VP'],
  gm: ['总经理', 'General manager'],
  qa: ['质管部', 'Quality assurance'],
  warehouse: ['储运部/库管员', 'Warehouse'],
  reviewer: ['复核员', 'Outbound reviewer'],
  finance: ['财务部', 'Finance'],
  after_sales: ['售后服务', 'After-sales'],
  office: ['办公室', 'Office'],
  auditor: ['只读', 'Auditor (read-only)'],
});
export const IMPORT_STATUS = defineEnum({
  running: ['进行中', 'Running'],
  done: ['已完成', 'Done'],
  failed: ['失败', 'Failed'],
  voided: ['已撤销', 'Voided'],
  dry_run: ['试运行', 'Dry run'],
});
export const AUDIT_ACTION = defineEnum({
  create: ['新建', 'Create'],
  update: ['修改', 'Update'],
  void: ['作废', 'Void'],
  sign: ['电子签名', 'E-signature'],
  login: ['登录', 'Sign-in'],
});
/** What an electronic signature means (GSP 计算机系统: the signature states its meaning). */
export const SIGNATURE_MEANING = defineEnum({
  approve_first_business: ['首营审核批准', 'First-business approval'],
  reject_first_business: ['首营审核驳回', 'First-business rejection'],
  approve_contract: ['合同审批', 'Contract approval'],
  approve_price: ['超限价审批', 'Price approval'],
  review_outbound: ['出库复核', 'Outbound review'],
  waive_finding: ['豁免规则发现', 'Finding waived'],
  close_complaint: ['投诉结案', 'Complaint closed'],
  // workflows: first-business reviews and the contract's steps
  review_credit: ['信誉审核', 'Credit review'],
  review_storage: ['储存条件审核', 'Storage review'],
  submit_contract: ['合同提交审批', 'Contract submitted'],
  reject_contract: ['合同驳回', 'Contract rejected'],
  sign_contract: ['合同签订', 'Contract signed'],
  void_import: ['撤销导入', 'Import voided'],
  // the backwards path of a fulfilled order (frozen after fulfilment)
  void_payment: ['回款作废', 'Payment voided'],
  void_invoice: ['发票作废/红冲', 'Invoice voided / credited'],
  void_outbound: ['出库单作废', 'Outbound slip voided'],
  void_order: ['销售订单作废', 'Sales order voided'],
  // #14 staff and quality records (schema/workflows/staff-quality.ts)
  approve_product_material: ['产品介绍资料批准', 'Product material approved'],
  acknowledge_price_filing: ['限价幅度内价格备案确认', 'In-range prices acknowledged'],
  verify_corrective_action: ['质量改进措施验证', 'Corrective action verified'],
});

/** 经营范围类别: the controlled vocabulary shared by licences, products and authorisations (DOMAIN.md). */
export const SCOPE_CATEGORIES = [
  '中药材',
  '中药饮片',
  '中成药',
  '化学原料药',
  '化学药制剂',
  '抗生素原料药',
  '抗生素制剂',
  '生化药品',
  '生物制品',
  '疫苗',
  '体外诊断试剂',
  '蛋白同化制剂/肽类激素',
  '第一类医疗器械',
  '第二类医疗器械',
  '第三类医疗器械',
] as const;
export type ScopeCategory = (typeof SCOPE_CATEGORIES)[number];

// ── Issue #14: after-sales records (nonconforming goods sold, delivery, service promises, follow-ups, suppliers) ──
/** What QA decided for a nonconforming batch already sold (第四篇 一.6): a recall, or notices to return it without one. */
export const NONCONFORMITY_DECISION = defineEnum({
  pending: ['待决定', 'Pending'],
  recall: ['启动召回', 'Recall'],
  notice: ['通知收回（不启动召回）', 'Notices without a recall'],
});
export const NONCONFORMITY_STATUS = defineEnum({ open: ['处理中', 'Open'], closed: ['已结束', 'Closed'] });
/** 第五篇 5.4: the state of the packages on arrival. */
export const PACKAGING_CONDITION = defineEnum({
  intact: ['完好', 'Intact'],
  damaged: ['破损', 'Damaged'],
  wet: ['受潮/污染', 'Wet or soiled'],
  other: ['其他', 'Other'],
});
/** 第一篇 3 用药效果跟踪; 第四篇 二.4 特殊产品跟踪服务. */
export const FOLLOW_UP_KIND = defineEnum({
  medication_effect: ['用药效果跟踪', 'Medication-effect follow-up'],
  special_product: ['特殊产品跟踪服务', 'Special-product tracking'],
});
