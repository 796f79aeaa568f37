/**
 * Scans kept with a record (第二篇 3.6.1–3.6.3, 3.9; 第四篇 一.3): the buyer's licences, powers of attorney and
 * ID copies, product approval and import documents. One row per stored version: the bytes live beside the
 * database, content-addressed by SHA-256 (server/services/attachments/store.ts) and never overwritten; a
 * replaced scan keeps its row, marked superseded by the new one. Written only by the attachment service
 * (POST /api/attachments/:resource/:id), so read-only through the generic API; shown where the record is
 * (the `resource` + `record_id` side door of server/auth/rbac.ts).
 *
 * 资料交付记录 (第二篇 3.6): which of our own documents — sealed licence copies, product approval copies,
 * authorisation letters, import documents — were handed to which customer when, printed as 资料交付清单.
 */
import { defineResource, f, req } from '../define';
import { defineEnum } from '../enums';

export const ATTACHMENT_KIND = defineEnum({
  licence_scan: ['证照扫描件', 'Licence scan'],
  attorney: ['法人委托书', 'Power of attorney'],
  id_copy: ['身份证复印件', 'ID card copy'],
  approval_doc: ['批准证明文件', 'Approval document'],
  import_registration: ['进口药品注册证', 'Import drug licence'],
  customs_clearance: ['进口药品通关单', 'Customs clearance form'],
  letter_scan: ['授权书扫描件', 'Authorisation letter scan'],
  contract_scan: ['合同扫描件', 'Contract scan'],
  other: ['其他资料', 'Other document'],
});

/** What is stored, by the file's first bytes (never its name): PDF, JPEG, PNG. */
export const ATTACHMENT_MIME = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Records that carry scans: live business records (not the system's own tables, users or settings). */
export function isAttachable(r: { name: string; system: boolean; readOnly: boolean }): boolean {
  return r.system && !r.readOnly && r.name !== 'users' && r.name !== 'settings';
}

export const attachments = defineResource({
  name: 'attachments',
  label: ['附件', 'Attachments'],
  area: 'system',
  readOnly: true,
  menu: false,
  fields: {
    resource: f.text('资源', 'Resource', req),
    record_id: f.int('记录ID', 'Record id', req),
    kind: f.enum(ATTACHMENT_KIND, '附件类型', 'Kind', req),
    file_name: f.text('文件名', 'File name', req),
    mime: f.text('文件格式', 'Content type', req),
    size: f.int('大小', 'Size (bytes)', req),
    sha256: f.text('SHA-256', 'SHA-256', req),
    note: f.text('说明', 'Note'),
    supersedes: f.ref('attachments', '替代的附件', 'Replaces', { readOnly: true }),
    superseded_by: f.ref('attachments', '已被替代为', 'Replaced by', { readOnly: true }),
    superseded_at: f.datetime('替代时间', 'Replaced at', { readOnly: true }),
  },
  list: ['resource', 'record_id', 'kind', 'file_name', 'size', 'created_at'],
  filters: ['resource', 'record_id', 'kind', 'sha256', 'superseded_by'],
  search: ['file_name', 'note'],
  display: ['file_name'],
  sort: ['id', 'ASC'],
  indexes: [['resource', 'record_id']],
});

export const DELIVERY_DOC_KIND = defineEnum({
  company_licence: ['本企业证照复印件', 'Our licence copy'],
  product_approval: ['品种批准证明文件复印件', 'Product approval copy'],
  import_docs: ['进口药品证明文件复印件', 'Import documents copy'],
  authorization: ['销售人员授权书复印件', 'Authorisation letter copy'],
});

export const documentDeliveries = defineResource({
  name: 'document_deliveries',
  label: ['资料交付记录', 'Documents provided'],
  area: 'parties',
  fields: {
    customer: f.ref('customers', '单位名称/购货单位', 'Customer', req),
    delivered_at: f.date('交付日期', 'Provided on', req),
    kind: f.enum(DELIVERY_DOC_KIND, '资料类型', 'Document', req),
    company_license: f.ref('company_licenses', '本企业证照证号', 'Our licence'),
    product: f.ref('products', '通用名称', 'Product'),
    authorization: f.ref('authorizations', '授权书编号', 'Authorisation letter'),
    copies: f.int('份数', 'Copies', { default: 1 }),
    sealed: f.bool('加盖本企业原印章', 'Sealed with our seal', { default: true }),
    delivered_by: f.text('交付人', 'Provided by'),
    received_by: f.text('接收人', 'Received by'),
    remark: f.text('备注', 'Remark'),
  },
  list: ['customer', 'delivered_at', 'kind', 'company_license', 'product', 'copies', 'sealed'],
  filters: ['customer', 'kind', 'delivered_at', 'product', 'company_license'],
  search: ['customer.name', 'delivered_by', 'received_by', 'remark'],
  display: ['delivered_at', 'kind'],
  sort: ['delivered_at', 'DESC'],
});
