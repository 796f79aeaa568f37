import { type AnyTable, defineResource, f, req } from '../define';
import { sqliteTableOf } from '../sqlite-table';
import { AUDIT_ACTION, FINDING_STATUS, IMPORT_STATUS, ROLE, SEVERITY, SIGNATURE_MEANING } from '../enums';

export const users = defineResource({
  name: 'users',
  label: ['用户', 'Users'],
  area: 'system',
  fields: {
    username: f.text('用户名', 'Username', req),
    display_name: f.text('姓名', 'Display name', req),
    roles: f.list('角色', 'Roles', { ...req, enum: ROLE }),
    // Holds the argon2id hash; the API accepts a plain password here and never returns the field.
    password: f.password('密码', 'Password', { writeOnly: true }),
    salesperson: f.ref('salespeople', '对应销售人员', 'Salesperson record'),
    active: f.bool('启用', 'Active', { default: true }),
    // Set by an admin (and whenever someone else sets the password, and on the first start's accounts): until
    // the user changes their own password, the API answers them nothing else (server/auth/password-change.ts).
    must_change_password: f.bool('下次登录须修改密码', 'Must change password at next sign-in', { default: false }),
    // Sign-in protection (server/auth/lockout.ts): maintained by the server, never by a client.
    failed_logins: f.int('连续登录失败次数', 'Consecutive failed sign-ins', { readOnly: true, default: 0 }),
    locked_until: f.datetime('锁定至', 'Locked until', { readOnly: true }),
  },
  list: ['username', 'display_name', 'roles', 'active'],
  filters: ['active'],
  search: ['username', 'display_name'],
  display: ['display_name'],
  naturalKey: [['username']],
  sort: ['username', 'ASC'],
  sortable: ['username', 'display_name'],
});

export const auditLog = defineResource({
  name: 'audit_log',
  label: ['审计日志', 'Audit log'],
  area: 'system',
  system: false,
  readOnly: true,
  fields: {
    at: f.datetime('时间', 'Time', req),
    actor: f.ref('users', '操作人', 'Actor'),
    action: f.enum(AUDIT_ACTION, '操作', 'Action', req),
    resource: f.text('资源', 'Resource', req),
    record_id: f.int('记录ID', 'Record id'),
    before: f.json('修改前', 'Before'),
    after: f.json('修改后', 'After'),
    reason: f.text('原因', 'Reason'),
    // Hash chain: each row's hash covers its content and the previous row's hash (server/services/audit.ts).
    prev_hash: f.text('前一哈希', 'Previous hash', { readOnly: true }),
    hash: f.text('哈希', 'Hash', { readOnly: true }),
  },
  list: ['at', 'actor', 'action', 'resource', 'record_id', 'reason'],
  filters: ['actor', 'action', 'resource', 'at'],
  search: ['reason'],
  display: ['at'],
  sort: ['id', 'DESC'],
  indexes: [['resource', 'record_id']],
});

export const signatures = defineResource({
  name: 'signatures',
  label: ['电子签名', 'E-signatures'],
  area: 'system',
  readOnly: true,
  fields: {
    resource: f.text('资源', 'Resource', req),
    record_id: f.int('记录ID', 'Record id', req),
    meaning: f.enum(SIGNATURE_MEANING, '签名含义', 'Meaning', req),
    signer: f.ref('users', '签名人', 'Signer', req),
    signer_name: f.text('签名人姓名', 'Signer name', req),
    signed_at: f.datetime('签名时间', 'Signed at', req),
    // SHA-256 of the record's content as signed: a later change shows the signature as broken.
    record_hash: f.text('记录哈希', 'Record hash', req),
    comment: f.textarea('意见', 'Comment'),
  },
  list: ['signed_at', 'signer_name', 'meaning', 'resource', 'record_id', 'comment'],
  filters: ['resource', 'meaning', 'signer'],
  search: ['signer_name', 'comment'],
  display: ['signer_name'],
  // newest signature first by when it was given (the seed and imports write them out of time order)
  sort: ['signed_at', 'DESC'],
  indexes: [['resource', 'record_id']],
  sortable: ['signed_at'],
});

export const imports = defineResource({
  name: 'imports',
  label: ['导入记录', 'Imports'],
  area: 'system',
  readOnly: true,
  fields: {
    kind: f.text('导入类型', 'Kind', req),
    file_name: f.text('文件名', 'File name', req),
    sha256: f.text('SHA-256', 'SHA-256', req),
    size: f.int('大小', 'Size (bytes)'),
    format: f.text('格式', 'Format'),
    encoding: f.text('编码', 'Encoding'),
    sheet: f.text('工作表', 'Sheet'),
    header_row: f.int('表头行', 'Header row'),
    mapping: f.json('列映射', 'Mapping'),
    counts: f.json('计数', 'Counts'),
    status: f.enum(IMPORT_STATUS, '状态', 'Status', req),
    stored_path: f.text('存储文件', 'Stored file'),
  },
  list: ['file_name', 'kind', 'status', 'encoding', 'created_at'],
  filters: ['kind', 'status', 'sha256'],
  search: ['file_name'],
  display: ['file_name'],
  sort: ['id', 'DESC'],
});

export const importRejects = defineResource({
  name: 'import_rejects',
  label: ['导入拒收行', 'Rejected import rows'],
  area: 'system',
  readOnly: true,
  menu: false,
  fields: {
    import: f.ref('imports', '导入记录', 'Import', req),
    row: f.int('行号', 'Row', req),
    raw: f.json('原始内容', 'Raw cells'),
    errors: f.json('错误原因', 'Errors'),
  },
  filters: ['import'],
  display: ['row'],
  sort: ['row', 'ASC'],
  parent: { resource: 'imports', field: 'import' },
  sortable: ['row'],
});

export const findings = defineResource({
  name: 'findings',
  label: ['规则发现', 'Findings'],
  area: 'system',
  readOnly: true,
  fields: {
    rule: f.text('规则', 'Rule', req),
    severity: f.enum(SEVERITY, '级别', 'Severity', req),
    resource: f.text('资源', 'Resource', req),
    record_id: f.int('记录ID', 'Record id'),
    import: f.ref('imports', '导入记录', 'Import'),
    row: f.int('行号', 'Row'),
    fields: f.list('字段', 'Fields'),
    // Copied from the record when the finding opens (live or imported), so QA can filter by buyer,
    // salesperson, product, batch and business date.
    customer: f.ref('customers', '购货单位', 'Customer', { readOnly: true }),
    salesperson: f.ref('salespeople', '销售人员', 'Salesperson', { readOnly: true }),
    product: f.ref('products', '通用名称', 'Product', { readOnly: true }),
    batch: f.ref('batches', '批号', 'Batch', { readOnly: true }),
    record_date: f.date('业务日期', 'Record date', { readOnly: true }),
    message: f.textarea('说明', 'Message', req),
    // The rule's parameters and its English message ({ params, en }): the API answers `message` in the
    // reader's language (server/services/rules/finding-text.ts); not shown as a field of its own.
    detail: f.json('参数', 'Parameters', { writeOnly: true }),
    status: f.enum(FINDING_STATUS, '状态', 'Status', { ...req, default: 'open' }),
    note: f.textarea('备注', 'Note'),
    reviewed_by: f.ref('users', '处理人', 'Reviewed by'),
    reviewed_at: f.datetime('处理时间', 'Reviewed at'),
  },
  list: ['rule', 'severity', 'record_date', 'customer', 'resource', 'record_id', 'message', 'status'],
  filters: ['rule', 'severity', 'status', 'resource', 'customer', 'salesperson', 'product', 'batch', 'record_date', 'import'],
  search: ['message', 'rule', 'customer.name'],
  display: ['rule'],
  sort: ['id', 'DESC'],
  indexes: [['resource', 'record_id']],
  sortable: ['record_date'],
});

export const settings = defineResource({
  name: 'settings',
  label: ['系统设置', 'Settings'],
  area: 'system',
  fields: {
    key: f.text('键', 'Key', req),
    value: f.json('值', 'Value', req),
    description: f.text('说明', 'Description'),
  },
  list: ['key', 'value', 'description'],
  search: ['key', 'description'],
  display: ['key'],
  naturalKey: [['key']],
  sort: ['key', 'ASC'],
  sortable: ['key'],
});

/** Sign-in sessions: not a registry resource (never listed or edited through the API). */
export const sessions = sqliteTableOf({
  name: 'sessions',
  columns: {
    id: { type: 'text', primaryKey: true }, // SHA-256 of the cookie token: a leaked database does not leak sessions
    user: { type: 'integer', notNull: true, references: 'users' },
    created_at: { type: 'text', notNull: true },
    expires_at: { type: 'text', notNull: true },
  },
  indexes: [{ name: 'sessions__user', on: ['user'] }],
}) as AnyTable;
