/**
 * 第三篇 三「与供货方签订质量保证协议时，同时约定由供货方对医疗器械维修条款」: the suppliers of the products we
 * sell and their quality agreements (validity, repair and after-sales terms), so a device complaint knows
 * its repair route (server/services/workflows/suppliers/repair-route.ts).
 */
import { defineResource, f, req } from '../define';

export const suppliers = defineResource({
  name: 'suppliers',
  label: ['供货单位', 'Suppliers'],
  area: 'parties',
  fields: {
    name: f.text('单位名称/供货单位', 'Name', req),
    credit_code: f.text('统一社会信用代码', 'Credit code', { check: 'credit_code' }),
    license_no: f.text('许可证号/备案凭证编号', 'Licence no.'),
    address: f.text('地址', 'Address'),
    contact_name: f.text('联系人', 'Contact'),
    contact_phone: f.text('联系电话', 'Phone'),
  },
  filters: [],
  search: ['name', 'credit_code', 'contact_name'],
  display: ['name'],
  naturalKey: [['credit_code'], ['name']],
  sort: ['name', 'ASC'],
});

export const supplierAgreements = defineResource({
  name: 'supplier_agreements',
  label: ['质量保证协议', 'Quality agreements'],
  area: 'parties',
  fields: {
    agreement_no: f.text('协议编号', 'Agreement no.', req),
    supplier: f.ref('suppliers', '供货单位', 'Supplier', req),
    manufacturers: f.list('所供品种生产企业', 'Manufacturers of the goods supplied', req),
    valid_from: f.date('生效日期', 'Valid from', req),
    valid_to: f.date('有效期至', 'Valid to', req),
    covers_devices: f.bool('含医疗器械', 'Covers medical devices'),
    repair_terms: f.textarea('医疗器械维修条款', 'Device repair terms'),
    after_sales_contact: f.text('售后/维修联系方式', 'Repair contact'),
    quality_terms: f.textarea('质量条款', 'Quality terms'),
  },
  list: ['agreement_no', 'supplier', 'manufacturers', 'valid_from', 'valid_to', 'covers_devices'],
  filters: ['supplier', 'covers_devices', 'valid_to'],
  search: ['agreement_no', 'supplier.name', 'repair_terms'],
  display: ['agreement_no'],
  naturalKey: [['agreement_no']],
  sort: ['valid_to', 'ASC'],
});
