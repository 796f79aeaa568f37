/** Messages shared by the API, the importer and the UI: Chinese first, English on request. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const MESSAGES = {
  required: ['必填项，请填写', 'Required'],
  not_text: ['应为文本', 'Must be text'],
  not_integer: ['应为整数', 'Must be a whole number'],
  not_number: ['应为数字', 'Must be a number'],
  negative: ['不能为负数', 'Must not be negative'],
  not_date: ['日期格式应为 YYYY-MM-DD', 'Date must be YYYY-MM-DD'],
  not_datetime: ['时间格式无效', 'Invalid date/time'],
  not_bool: ['应为 是/否', 'Must be yes/no'],
  not_enum: ['不是允许的取值：{value}（可选：{options}）', 'Not an allowed value: {value} (allowed: {options})'],
  not_list: ['应为列表', 'Must be a list'],
  not_in_vocabulary: ['不在经营范围类别中：{value}', 'Not a scope category: {value}'],
  not_ref: ['应为所引用记录的 ID', 'Must be the id of the referenced record'],
  ref_missing: ['引用的{target}记录不存在（ID {value}）', 'The referenced {target} record does not exist (id {value})'],
  ref_voided: ['引用的{target}记录已作废（ID {value}）', 'The referenced {target} record is voided (id {value})'],
  bad_credit_code: ['统一社会信用代码无效（应为18位且校验位正确）', 'Invalid unified social credit code (18 characters with a valid check digit)'],
  bad_id_no: ['身份证号无效（应为18位且校验位正确）', 'Invalid ID number (18 characters with a valid check digit)'],
  password_short: ['密码至少 10 位', 'Password must have at least 10 characters'],
  duplicate_key: ['已存在相同{fields}的记录（ID {id}）', 'A record with the same {fields} already exists (id {id})'],
  read_only_field: ['该字段由系统填写，不能修改', 'This field is filled by the system and cannot be changed'],
  invalid_input: ['提交的内容有误，请检查标出的字段', 'The submission has errors; check the marked fields'],
  invalid_json: ['请求内容不是有效的 JSON', 'The request body is not valid JSON'],
  not_object: ['应为 JSON 对象', 'Must be a JSON object'],
  import_mapping_json: ['mapping 应为 JSON 对象：列名 → 字段（或 null）', 'mapping must be a JSON object: header → field (or null)'],
  import_as_of: ['判定基准日 asOf 应为 YYYY-MM-DD 格式的日期：{value}', 'asOf must be a YYYY-MM-DD date: {value}'],
  invalid_query: ['查询参数无效：{param}', 'Invalid query parameter: {param}'],
  unknown_filter: ['不支持按 {field} 筛选', 'Cannot filter by {field}'],
  unsortable: ['不支持按 {field} 排序（{resource}可排序的列：{fields}）', 'Cannot sort {resource} by {field} (sortable columns: {fields})'],
  range_too_large: [
    '每次最多读取 {max} 行（range {range} 为 {rows} 行）；更多数据请分页或使用导出',
    'At most {max} rows per request (range {range} is {rows} rows); page through the list or use the export',
  ],
  not_found: ['记录不存在：{resource} #{id}', 'Record not found: {resource} #{id}'],
  unknown_resource: ['未知的资源：{resource}', 'Unknown resource: {resource}'],
  read_only_resource: ['{resource} 为只读，不能通过接口修改', '{resource} is read-only through the API'],
  version_required: ['缺少版本号 version，无法确认您编辑的是最新内容', 'Missing version: cannot tell whether you edited the latest data'],
  version_conflict: [
    '该记录已被他人修改（您编辑的是第 {sent} 版，当前为第 {current} 版），未保存。请刷新后重新修改。',
    'This record was changed by someone else (you edited version {sent}, it is now version {current}); nothing was saved. Reload and edit again.',
  ],
  already_voided: ['该记录已作废', 'This record is already voided'],
  removed_from_parent: ['已从单据中删除', 'Removed from its document'],
  void_reason_required: ['作废必须填写原因', 'A reason is required to void a record'],
  unauthenticated: ['请先登录', 'Please sign in'],
  bad_credentials: ['用户名或密码错误', 'Wrong username or password'],
  account_locked: [
    '连续登录失败次数过多，账号已锁定至 {until}，请稍后再试或联系管理员解锁',
    'Too many failed sign-ins: the account is locked until {until}; try later or ask an administrator to unlock it',
  ],
  too_many_attempts: ['登录尝试过于频繁，请 {seconds} 秒后再试', 'Too many sign-in attempts; try again in {seconds} seconds'],
  csrf: ['拒绝来自其他网站的请求', 'Request from another site refused'],
  forbidden_action: ['您的角色（{roles}）不能{action}「{resource}」', 'Your roles ({roles}) may not {action} {resource}'],
  forbidden_field: ['您的角色（{roles}）不能修改「{field}」', 'Your roles ({roles}) may not change {field}'],
  forbidden_record: ['这条记录不属于您负责的范围', 'This record is outside your own records'],
  signature_password: ['密码不正确，签名未完成', 'Wrong password: nothing was signed'],
  self_approval: ['不能审批自己创建的记录，请由其他有权限的人员审批', 'You cannot approve a record you created; another authorised person must'],
  unknown_verb: ['「{resource}」没有「{verb}」操作', '{resource} has no action {verb}'],
  verb_role: ['「{verb}」需由以下角色执行：{roles}', '{verb} must be done by: {roles}'],
  verb_state: ['当前状态不能执行此操作：{detail}', 'Not possible in the current state: {detail}'],
  legacy_document: [
    '这是从旧系统导入的历史单据（{file} 第 {row} 行，旧系统状态：{state}），不能在本系统中继续流转；其中的审批/复核只是旧系统的记录',
    "This is a historical document imported from the legacy system ({file}, row {row}, legacy state: {state}); it cannot go through our workflow, and its approvals/reviews are only the legacy system's records",
  ],
  import_merging: [
    '该记录属于正在写入的导入 #{id}，导入完成前不能修改或作废，请稍后再试',
    'This record belongs to import #{id}, which is still being written; it cannot be changed or voided until the import is done. Try again shortly',
  ],
  reason_required: ['该记录已审核或已签名，修改须填写修改原因', 'This record is approved or signed: give a reason for the change'],
  rule_refused: ['违反 GSP 规则，未保存：请按标出的说明更正', 'Refused by GSP rules; nothing was saved: correct what is marked'],
  forbidden: ['您没有执行此操作的权限', 'You are not allowed to do this'],
  payload_too_large: ['请求内容过大', 'Request body too large'],
  internal: ['服务器内部错误，操作未完成，数据未修改', 'Internal server error; nothing was changed'],
  db_busy: [
    '数据库正忙（可能正在导入大量数据），操作未完成、数据未修改，请稍后重试',
    'The database is busy (a large import may be running); nothing was changed. Try again shortly',
  ],
  // hardening (issue 12): bad input at the edge, disk full, passwords, versions, settings
  ill_formed_text: ['{where} 含有无效的 Unicode 字符（孤立的代理项），未处理', '{where} holds ill-formed Unicode (a lone surrogate); nothing was done'],
  json_too_deep: ['请求内容嵌套层级过深（最多 {max} 层）', 'The request body is nested too deeply (at most {max} levels)'],
  bad_header: ['请求头 {header} 无效：{detail}', 'Invalid {header} header: {detail}'],
  disk_full: ['磁盘空间不足，操作未完成、数据未修改，请联系管理员', 'Disk full: nothing was changed; contact the administrator'],
  password_common: ['密码过于常见，容易被猜中，请换一个', 'This password is too common and easily guessed; choose another'],
  password_username: ['密码不能与用户名相同', 'The password must not be the username'],
  password_current_wrong: ['当前密码不正确，密码未修改', 'The current password is wrong; the password was not changed'],
  password_changed_reason: ['用户本人修改密码', 'Password changed by the user'],
  password_change_required: [
    '请先修改密码：管理员要求您在继续使用前设置新密码（右上角用户菜单 → 修改密码）',
    'Change your password first: an administrator requires a new password before you continue (user menu → Change password)',
  ],
  first_login_password_reason: ['首次启动生成的初始密码，须在首次登录时修改', 'Initial password from the first start: to be changed at first sign-in'],
  password_same: ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  version_precondition: [
    '缺少版本号 version：请先读取记录，再带上其 version 提交修改（批量修改请用 updateMany 路由）',
    'Missing version: read the record and send its version with the change (bulk edits use the updateMany route)',
  ],
  setting_type: ['设置 {key} 的值类型不正确：应为{expected}', 'Setting {key} has the wrong type: expected {expected}'],
  setting_unknown: ['未知的设置项：{key}', 'Unknown setting: {key}'],
  // documents flow (printed documents, PDF, customer file)
  unknown_document: ['没有这种单据：{doc}', 'No such document: {doc}'],
  pdf_unavailable: [
    '服务器上没有可用的 Chromium 浏览器，暂不能下载 PDF。浏览器打印不受影响：请点“打印”，在打印对话框中打印或“另存为 PDF”。启用 PDF 下载：管理员在服务器上安装 Chromium（Debian/Ubuntu：apt-get install chromium），或设置环境变量 GSP_CHROMIUM 为浏览器程序路径后重启。',
    'PDF download is unavailable: the server has no Chromium browser. Printing from the browser still works: click Print, then print or "Save as PDF" in the print dialog. To enable PDF downloads, an administrator installs Chromium on the server (Debian/Ubuntu: apt-get install chromium) or sets the GSP_CHROMIUM environment variable to the browser executable, then restarts.',
  ],
  pdf_timeout: [
    'PDF 生成超时（超过 {seconds} 秒），请稍后重试，或使用浏览器打印',
    'PDF rendering took longer than {seconds} s; try again later or print from the browser',
  ],
  // ── workflows: recall (召回) and after-sales (售后) ──
  recall_return_exceeds: ['退回数量（{returned}）不能超过销售数量（{sold}）', 'The quantity returned ({returned}) cannot exceed the quantity sold ({sold})'],
  recall_not_open: ['召回 {recall_no} 已结束，不能再登记', 'Recall {recall_no} is closed; nothing more can be recorded'],
  recall_notice_not_notified: ['须先通知该客户，才能登记客户确认', 'Notify the customer before recording their acknowledgement'],
  // ── voiding a whole ledger import ──
  import_void_edited: [
    '本次导入的记录此后已被修改，不能整体撤销：{list}。请逐条处理',
    'Records of this import were changed since, so it cannot be voided as a whole: {list}. Handle them one by one',
  ],
  import_void_referenced: [
    '其他记录仍在引用本次导入的记录，不能整体撤销：{list}。请先作废或改正这些记录',
    'Other records still refer to records of this import, so it cannot be voided: {list}. Void or correct them first',
  ],
  recall_close_pending: [
    '以下客户尚未完成通知和确认，不能结束召回：{customers}',
    'These customers are not yet notified and acknowledged, so the recall cannot be closed: {customers}',
  ],
  complaint_needs: ['须先填写：{fields}', 'First fill in: {fields}'],
  adr_not_forwarded_yet: ['须先将不良反应报告转交质管部', 'Forward the report to QA first'],
  // ── workflows: first-business (首营), salesperson authorisation, contracts ──
  first_business_blocked: ['首营审核有以下检查未通过，不能批准：{checks}', 'These first-business checks fail, so it cannot be approved: {checks}'],
  credit_limit_role: [
    '信用额度须由财务部或销售部负责人核定（销售员只填写付款能力评价）',
    'The credit limit is set by finance or the head of sales (a salesperson gives the payment-ability rating only)',
  ],
  letter_unsealed: [
    '授权书须加盖本企业公章和法定代表人印章后方可签发',
    "An authorisation letter must carry the company seal and the legal representative's seal before it is issued",
  ],
  letter_dates: ['授权止（{to}）不能早于授权起（{from}）', 'Valid to ({to}) must not be before valid from ({from})'],
  contract_terms_missing: [
    '合同条款不全（第五篇 3.2），不能提交审批。缺少：{missing}',
    'The contract terms are incomplete (第五篇 3.2); it cannot be submitted. Missing: {missing}',
  ],
  contract_major_by_head: [
    '重大合同（金额达到 {amount} 元）须由销售部负责人商洽后提交总经理审定（第五篇 3.3.2）',
    'A major contract (amount ≥ {amount}) is negotiated and submitted by the head of sales for the general manager (第五篇 3.3.2)',
  ],
  contract_customer_unapproved: [
    '购货单位「{customer}」尚未通过质管部首营审核，合同不能提交',
    'The customer "{customer}" has not passed QA\'s first-business review; the contract cannot be submitted',
  ],
  contract_sign_date: [
    '签订日期 {date} 应在审批日期 {approved} 与今天 {today} 之间',
    'The signing date {date} must lie between the approval date {approved} and today {today}',
  ],
  // ── lifecycle (schema/lifecycle.ts): step-owned fields, approvals superseded by a change ──
  step_owned: [
    '「{field}」只能由工作流步骤「{steps}」设置，不能直接填写或修改（管理员更正也须通过该步骤）',
    "{field} is set only by the workflow step {steps}; it cannot be entered or changed directly (an administrator's correction goes through that step too)",
  ],
  approval_superseded: [
    '{approval}后修改了已审核的内容（{fields}），原审核及其电子签名已失效，记录已退回「{state}」，须重新审核',
    'Approved content changed after the {approval} ({fields}): the approval and its e-signature are superseded and the record is back to {state}; it must be approved again',
  ],
  complaint_not_reported: ['投诉须先报质管部（报质管部日期）才能结案', 'The complaint must be reported to QA before it is closed'],
  // ── fulfilment flow (order → outbound → invoice → payment; special-control drugs) ──
  wf_order_no_lines: ['订单没有销售明细，不能确认', 'The order has no lines and cannot be confirmed'],
  wf_order_refused: ['订单不符合 GSP 规则，不能确认：{detail}', 'The order breaks GSP rules and cannot be confirmed: {detail}'],
  wf_bad_date: ['{field}日期格式应为 YYYY-MM-DD，且不能晚于今天', '{field} must be a YYYY-MM-DD date not after today'],
  wf_slip_exists: ['订单已开具出库单 {slip}', 'An outbound slip was already issued for this order: {slip}'],
  wf_not_picked: ['出库单尚未拣货（没有库管员），不能复核', 'The slip has not been picked (no picker) and cannot be reviewed yet'],
  wf_not_special: ['该订单不含特殊管理药品，无需此项核实', 'The order has no special-control drug; this verification does not apply'],
  wf_special_exists: ['该订单已有特药销售核实记录', 'The order already has its special-drug verification'],
  wf_special_incomplete: ['三项核实须全部完成（均为“是”）才能登记：{items}', 'All three checks must be done (yes) to record the verification: {items}'],
  wf_special_not_verified: [
    '[SPECIAL_NOT_VERIFIED] 订单 {order} 含特殊药品复方制剂，{when}前须有完整的特药销售核实记录（已索取购销合同、核实采购人员身份和购买真实性），请先由开票人员（财务）完成核实',
    '[SPECIAL_NOT_VERIFIED] Order {order} carries special-control drugs: a complete verification record (contract obtained, purchaser identity and authenticity checked) is needed before {when}',
  ],
  wf_invoice_no_slips: ['请选择至少一张出库单', 'Select at least one outbound slip'],
  wf_invoice_slip_unreviewed: ['出库单 {slip} 尚未复核，不能开票', 'Outbound slip {slip} is not reviewed yet and cannot be invoiced'],
  wf_invoice_slip_invoiced: ['出库单 {slip} 已开具发票 {invoice}', 'Outbound slip {slip} is already invoiced ({invoice})'],
  wf_invoice_customers: [
    '所选出库单属于不同的购货单位，一张发票只能开给一个购货单位',
    'The selected slips belong to different customers; an invoice has one customer',
  ],
  wf_invoice_buyer: [
    '购货单位「{customer}」{why}，不能开具销售发票（第二篇 3.1、3.4、3.8）',
    'The buyer "{customer}" {why}; no sales invoice may be issued to it (第二篇 3.1, 3.4, 3.8)',
  ],
  // frozen after fulfilment (票账货相符 第二篇 3.10): corrections go backwards through the signed steps
  wf_frozen: [
    '{what}已{state}，不能再直接修改或作废。更正请按退回步骤（均须签名并说明原因）：作废回款 → 作废/红冲发票 → 作废出库单 → 作废订单',
    '{what} is {state} and can no longer be edited or voided directly. To correct it go back through the signed steps, each with a reason: void the payment → void / credit the invoice → void the slip → void the order',
  ],
  wf_void_blocked: ['{what}不能作废：仍有有效的{docs}，请先按顺序作废它们', '{what} cannot be voided while these are live: {docs}. Void them first, in order'],
  wf_by_step_only: [
    '{what}只能由「{step}」步骤产生或作废，不能直接录入、修改或删除',
    '{what} is made or voided only by the step "{step}", not entered, edited or deleted directly',
  ],
  wf_invoice_from_chain: [
    '销售发票只能由财务从已复核的出库单开具（POST /api/workflows/fulfilment/invoices，第二篇 3.8、3.10），不能单独录入',
    'A sales invoice is issued by finance from reviewed outbound slips (POST /api/workflows/fulfilment/invoices, 第二篇 3.8, 3.10), never entered on its own',
  ],
  wf_payment_customer: [
    '回款单位「{payer}」与发票 {invoice} 的购货单位「{customer}」不一致',
    'The payer "{payer}" is not the customer "{customer}" of invoice {invoice}',
  ],
  wf_payment_exceeds: ['回款 {amount} 元超过发票 {invoice} 未收金额 {open} 元', 'The payment {amount} exceeds the open amount {open} of invoice {invoice}'],
  wf_payment_invoice_voided: ['发票 {invoice} 已作废，不能登记回款', 'Invoice {invoice} is voided; no payment can be booked on it'],
  wf_step_blocked: ['{step}被拒绝：{detail}', '{step} refused: {detail}'],
  wf_chain_inconsistent: ['票账货不相符，该步骤被撤回：{detail}', 'Invoice, books and goods would not agree; the step was rolled back: {detail}'],
  wf_unwind_mode: ['请选择作废方式（当月作废或红字冲销）', 'Choose how: void (same month) or red-letter credit'],
  wf_recall_not_own_customer: [
    '「{customer}」不是您本人销售的客户，召回通知由其销售员或售后、质管、储运部门登记',
    '"{customer}" is not a customer of your own sales; its notice is recorded by its salesperson or by after-sales, QA or the warehouse',
  ],
  // issue #14's after-sales records
  date_before: ['不能早于 {other}', 'Must not be before {other}'],
  at_least_one: ['应至少为 1', 'Must be at least 1'],
  reply_customer_mismatch: ['复函单位应为投诉 {complaint} 的单位', 'The reply must go to the customer of complaint {complaint}'],
  nonconformity_undecided: ['该批次已售出，须先启动召回或通知收回，才能结束处理', 'The batch was sold: open a recall or notify the customers before closing'],
  nonconformity_close_pending: [
    '以下客户尚未完成通知和确认，不能结束处理：{customers}',
    'These customers are not yet notified and acknowledged, so the case cannot be closed: {customers}',
  ],
  nonconformity_closed: ['{case_no} 已结束处理，不能再登记', '{case_no} is closed; nothing more can be recorded'],
  nonconformity_recall_open: ['召回 {recall_no} 尚未结束，须先结束召回', 'Recall {recall_no} is still open; close it first'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

export const isMessageKey = (key: unknown): key is MessageKey => typeof key === 'string' && Object.hasOwn(MESSAGES, key);

export function msg(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const text = MESSAGES[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
}

/** Accept-Language → our language: English only when the client prefers it. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh';
}
