import { defineResource, f, req } from '../define';
import { AGENT_ROLE, BUSINESS_MODE, COMPANY_LICENSE_KIND, CUSTOMER_LICENSE_KIND, CUSTOMER_TYPE, QA_STATUS, SCOPE_CATEGORIES } from '../enums';
import { STAFF_POST } from '../enums-quality';

const scope = { vocabulary: SCOPE_CATEGORIES };

export const companyLicenses = defineResource({
  name: 'company_licenses',
  label: ['本企业证照', 'Company licences'],
  area: 'parties',
  fields: {
    kind: f.enum(COMPANY_LICENSE_KIND, '证照类型', 'Kind', req),
    // (本企业证照证号: how a 资料交付记录 import names the licence it gave)
    number: f.text('证号/本企业证照证号', 'Number', req),
    scope: f.list('经营范围', 'Business scope', scope),
    business_mode: f.enum(BUSINESS_MODE, '经营方式', 'Business mode'),
    valid_from: f.date('有效期起', 'Valid from'),
    valid_to: f.date('有效期至', 'Valid to'),
  },
  filters: ['kind', 'valid_to'],
  search: ['number'],
  display: ['number'],
  naturalKey: [['number']],
  sort: ['valid_to', 'ASC'],
  attachments: [{ kind: 'licence_scan' }],
  sortable: ['valid_from', 'valid_to'],
});

export const customers = defineResource({
  name: 'customers',
  label: ['购货单位', 'Customers'],
  area: 'parties',
  fields: {
    name: f.text('单位名称', 'Name', { ...req, aliases: ['购货单位', '客户名称', '客户', '购货者'] }),
    type: f.enum(CUSTOMER_TYPE, '单位类型', 'Type', { ...req, legacy: true }),
    credit_code: f.text('统一社会信用代码', 'Unified credit code', { check: 'credit_code', aliases: ['信用代码'] }),
    region: f.text('所在地区', 'Region', { ...req, legacy: true }),
    address: f.text('地址', 'Address', { aliases: ['经营地址'] }),
    contact_name: f.text('联系人', 'Contact'),
    contact_phone: f.text('联系电话', 'Contact phone'),
    legal_rep: f.text('法定代表人', 'Legal representative'),
    qa_status: f.enum(QA_STATUS, '首营审核状态', 'First-business status', { ...req, default: 'pending' }),
    qa_approved_at: f.date('首营审核日期', 'Approved on'),
    qa_approved_by: f.text('审核人', 'Approved by'),
    credit_reviewed_at: f.date('信誉审核日期', 'Credit reviewed on'),
    credit_limit: f.money('信用额度', 'Credit limit'),
    payment_rating: f.text('付款能力评价', 'Payment ability'),
    storage_reviewed_at: f.date('储存条件审核日期', 'Storage reviewed on'),
    cold_chain: f.bool('具备冷链', 'Cold chain capable'),
    service_point: f.bool('定点服务单位', 'Designated service point'),
  },
  list: ['name', 'type', 'region', 'contact_name', 'contact_phone', 'qa_status'],
  filters: ['type', 'region', 'qa_status', 'service_point'],
  search: ['name', 'credit_code', 'contact_name', 'region'],
  display: ['name'],
  naturalKey: [['credit_code'], ['name']],
  sort: ['name', 'ASC'],
  sortable: ['name', 'region', 'credit_limit'],
  textIndex: ['name'],
});

export const customerLicenses = defineResource({
  name: 'customer_licenses',
  label: ['购货单位证照', 'Customer licences'],
  area: 'parties',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer', req),
    kind: f.enum(CUSTOMER_LICENSE_KIND, '证照类型', 'Kind', req),
    number: f.text('证号', 'Number', req),
    scope: f.list('经营范围', 'Business scope', scope),
    valid_from: f.date('有效期起', 'Valid from'),
    valid_to: f.date('有效期至', 'Valid to'),
  },
  filters: ['customer', 'kind', 'valid_to'],
  search: ['number', 'customer.name'],
  display: ['number'],
  naturalKey: [['customer', 'kind', 'number']],
  sort: ['valid_to', 'ASC'],
  parent: { resource: 'customers', field: 'customer' },
  attachments: [{ kind: 'licence_scan', required: true }],
  sortable: ['valid_from', 'valid_to'],
});

export const customerAgents = defineResource({
  name: 'customer_agents',
  label: ['购货单位人员', 'Customer agents'],
  area: 'parties',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer', req),
    name: f.text('姓名', 'Name', req),
    role: f.enum(AGENT_ROLE, '身份', 'Role', req),
    id_no: f.text('身份证号', 'ID number', { check: 'id_no' }),
    phone: f.text('联系电话', 'Phone'),
    attorney_valid_to: f.date('法人委托书有效期至', 'Power of attorney valid to'),
    id_copy: f.bool('身份证复印件', 'ID copy on file'),
  },
  filters: ['customer', 'role'],
  search: ['name', 'phone', 'customer.name'],
  display: ['name'],
  naturalKey: [['customer', 'name', 'role']],
  sort: ['customer', 'ASC'],
  parent: { resource: 'customers', field: 'customer' },
  // 第二篇 3.9: the purchaser's power of attorney and ID copy are kept as documents, not only ticked
  attachments: [
    { kind: 'attorney', required: { when: { role: 'purchaser' } } },
    { kind: 'id_copy', required: { when: { role: 'purchaser' } } },
  ],
  sortable: ['attorney_valid_to'],
});

export const salespeople = defineResource({
  name: 'salespeople',
  label: ['销售人员', 'Salespeople'],
  area: 'parties',
  fields: {
    name: f.text('姓名', 'Name', { ...req, aliases: ['销售人员', '业务员'] }),
    id_no: f.text('身份证号', 'ID number', { ...req, legacy: true, check: 'id_no' }),
    employee_no: f.text('工号', 'Employee no.'),
    phone: f.text('联系电话', 'Phone'),
    contract_start: f.date('劳动合同起', 'Labour contract from'),
    contract_end: f.date('劳动合同止', 'Labour contract to'),
    social_insurance: f.bool('社保', 'Social insurance'),
    permit_no: f.text('上岗证号', 'Permit no.'),
    permit_valid_to: f.date('上岗证有效期至', 'Permit valid to'),
  },
  list: ['name', 'employee_no', 'phone', 'contract_end', 'permit_valid_to'],
  filters: ['contract_end', 'permit_valid_to'],
  search: ['name', 'employee_no', 'phone'],
  display: ['name'],
  naturalKey: [['name']],
  sort: ['name', 'ASC'],
  sortable: ['name', 'employee_no', 'contract_end', 'permit_valid_to'],
});

export const authorizations = defineResource({
  name: 'authorizations',
  label: ['销售人员授权书', 'Authorisation letters'],
  area: 'parties',
  fields: {
    document_no: f.text('授权书编号', 'Document no.', req),
    salesperson: f.ref('salespeople', '销售人员', 'Salesperson', req),
    varieties: f.list('授权品种', 'Authorised varieties', { ...req, ...scope }),
    regions: f.list('授权地域', 'Authorised regions', req),
    valid_from: f.date('授权起', 'Valid from', req),
    valid_to: f.date('授权止', 'Valid to', req),
    sealed: f.bool('加盖公章及法定代表人印章', 'Sealed'),
  },
  list: ['document_no', 'salesperson', 'regions', 'valid_from', 'valid_to', 'sealed'],
  filters: ['salesperson', 'valid_to', 'sealed'],
  search: ['document_no', 'salesperson.name'],
  display: ['document_no'],
  naturalKey: [['document_no']],
  sort: ['valid_to', 'ASC'],
  attachments: [{ kind: 'letter_scan' }],
  sortable: ['document_no', 'valid_from', 'valid_to'],
});

export const trainings = defineResource({
  name: 'trainings',
  label: ['培训记录', 'Training records'],
  area: 'parties',
  fields: {
    // 第一篇 4: after-sales staff are trained too; they are named in 受训人员 (a salesperson by the reference)
    post: f.enum(STAFF_POST, '岗位', 'Post', { ...req, default: 'sales' }),
    salesperson: f.ref('salespeople', '销售人员/姓名', 'Salesperson'),
    trainee: f.text('受训人员', 'Trainee'),
    date: f.date('培训日期', 'Date', req),
    topic: f.text('培训内容', 'Topic', req),
    hours: f.number('学时', 'Hours'),
    passed: f.bool('考核合格', 'Passed'),
  },
  list: ['post', 'salesperson', 'trainee', 'date', 'topic', 'passed'],
  filters: ['post', 'salesperson', 'date', 'passed'],
  search: ['topic', 'trainee', 'salesperson.name'],
  display: ['topic'],
  naturalKey: [
    ['salesperson', 'date', 'topic'],
    ['trainee', 'date', 'topic'],
  ],
  // the rule context's trainings held on a sale date: the latest (date, then id) and the first passed
  // (server/services/rules/sql-context.ts trainingsHeld), each one probe
  indexes: [
    ['salesperson', 'date'],
    ['salesperson', 'passed', 'date'],
  ],
  sort: ['date', 'DESC'],
  sortable: ['date'],
});
