import { defineResource, f, req } from '../define';
import { BATCH_STATUS, DEVICE_CLASS, PRODUCT_KIND, QA_STATUS, SCOPE_CATEGORIES, SPECIAL_CONTROL, STORAGE } from '../enums';

// Products created from a legacy ledger may lack most attributes, hence `legacy` on the required ones.
const legacy = { required: true, legacy: true } as const;

export const products = defineResource({
  name: 'products',
  label: ['品种', 'Products'],
  area: 'products',
  fields: {
    kind: f.enum(PRODUCT_KIND, '类别', 'Kind', { ...req, default: 'drug' }),
    generic_name: f.text('通用名称/产品名称/药品名称/品名/名称', 'Generic name', req),
    trade_name: f.text('商品名', 'Trade name'),
    dosage_form: f.text('剂型', 'Dosage form'),
    spec: f.text('规格/型号/规格型号', 'Specification', legacy),
    unit: f.text('单位', 'Unit', legacy),
    manufacturer: f.text('生产厂商/生产企业/生产厂家/厂家', 'Manufacturer', legacy),
    manufacturer_license: f.text('生产许可证号/备案凭证编号', 'Manufacturer licence'),
    approval_no: f.text('批准文号/注册证编号/备案凭证编号/注册证号', 'Approval no.', legacy),
    scope_category: f.enum(
      { values: SCOPE_CATEGORIES as unknown as [string], labels: Object.fromEntries(SCOPE_CATEGORIES.map((c) => [c, [c, c]])) },
      '经营范围类别',
      'Scope category',
      legacy,
    ),
    device_class: f.enum(DEVICE_CLASS, '器械类别', 'Device class'),
    special_control: f.list('特殊管理', 'Special control', { enum: SPECIAL_CONTROL }),
    storage: f.enum(STORAGE, '储存条件', 'Storage'),
    sterile_single_use: f.bool('一次性使用无菌', 'Single-use sterile'),
    imported: f.bool('进口', 'Imported'),
    price_cap: f.money('最高限价', 'Price cap'),
    price_min: f.money('限价下限', 'Price floor'),
    price_max: f.money('限价上限', 'Price ceiling'),
    qa_status: f.enum(QA_STATUS, '首营审核状态', 'First-variety status', { ...req, default: 'pending' }),
  },
  list: ['generic_name', 'spec', 'manufacturer', 'approval_no', 'scope_category', 'qa_status'],
  filters: ['kind', 'scope_category', 'storage', 'qa_status'],
  search: ['generic_name', 'trade_name', 'approval_no', 'manufacturer'],
  display: ['generic_name', 'spec'],
  naturalKey: [['approval_no', 'spec']],
  sort: ['generic_name', 'ASC'],
  attachments: [
    { kind: 'approval_doc', required: true },
    { kind: 'import_registration', required: { when: { imported: true } }, rule: 'PRODUCT_IMPORT_DOCS_MISSING' },
    { kind: 'customs_clearance', required: { when: { imported: true } }, rule: 'PRODUCT_IMPORT_DOCS_MISSING' },
  ],
  sortable: ['generic_name', 'manufacturer'],
  textIndex: ['generic_name'],
});

export const batches = defineResource({
  name: 'batches',
  label: ['批次', 'Batches'],
  area: 'products',
  fields: {
    product: f.ref('products', '通用名称', 'Product', req),
    batch_no: f.text('批号/序列号/生产批号', 'Batch no.', { ...req, aliases: ['批号/序列号'] }),
    production_date: f.date('生产日期', 'Production date'),
    expiry_date: f.date('有效期至/有效期/效期/失效日期', 'Expiry date'),
    sterilization_batch: f.text('灭菌批号', 'Sterilisation batch'),
    status: f.enum(BATCH_STATUS, '质量状态', 'Quality status', { ...req, default: 'qualified' }),
  },
  filters: ['product', 'status', 'expiry_date'],
  search: ['batch_no', 'product.generic_name'],
  display: ['batch_no'],
  naturalKey: [['product', 'batch_no']],
  sort: ['expiry_date', 'ASC'],
  sortable: ['batch_no', 'production_date', 'expiry_date'],
});
