/** The importer's own row messages (the readers and normalisers have theirs), in both languages. */
import type { Lang } from '../../schema/messages';

const TEXT = {
  missing_sale_date: ['销售日期为空：销售记录必须有销售日期，请补填后重新导入', 'The sale date is empty: a sales record needs one; fill it in and re-import'],
  missing_customer: [
    '购货单位为空：请填写购货单位名称（或统一社会信用代码）后重新导入',
    'The buyer is empty: fill in its name (or unified credit code) and re-import',
  ],
  missing_product: [
    '品种无法识别：通用名称和批准文号均为空，请至少填写其一（最好两者和规格都填）',
    'The product cannot be identified: both the generic name and the approval number are empty',
  ],
  unknown_product_no_name: [
    '品种档案中没有批准文号「{approval}」规格「{spec}」的品种，且通用名称为空，无法建立待审核品种；请填写通用名称或先导入品种',
    'No product with approval number "{approval}" and specification "{spec}" is on file and the generic name is empty, so no pending product can be created; fill in the generic name or import the product first',
  ],
  ambiguous_product: [
    '「{value}」对应多个品种，无法确定是哪一个；请填写批准文号和规格',
    '"{value}" matches several products; fill in the approval number and specification',
  ],
  missing_number: ['{field}为空：销售明细必须有{field}，请补填后重新导入', '{field} is empty: a sales line needs it; fill it in and re-import'],
  not_found: [
    '找不到{target}「{value}」：请先导入或登记该{target}，或更正此处的填写',
    'No {target} "{value}" is on file: import or record it first, or correct the value',
  ],
  ambiguous: [
    '{target}「{value}」对应多条记录，无法确定是哪一条；请填写更完整的标识（{keys}）',
    '{target} "{value}" matches several records; give a fuller key ({keys})',
  ],
  required: ['必填项为空', 'Required'],
  read_only_kind: ['“{kind}”是系统记录，不能导入', '"{kind}" records are written by the system and cannot be imported'],
  unknown_kind: ['未知的导入类型“{kind}”（可用：{kinds}）', 'Unknown import kind "{kind}" (kinds: {kinds})'],
  upload_too_large: [
    '上传的文件超过大小限制（{mb} MB），未导入任何数据；请拆分文件或联系管理员调整 GSP_UPLOAD_MAX_MB',
    'The upload exceeds the size limit ({mb} MB); nothing was imported. Split the file or ask an administrator to raise GSP_UPLOAD_MAX_MB',
  ],
  duplicate_file: [
    '该文件已于导入 #{id} 导入过（SHA-256 相同），所有行按重复处理；如需再次导入请使用 --force',
    'This file was already imported as import #{id} (same SHA-256): every row is a duplicate; use --force to import it again',
  ],
  order_conflict: [
    '导入期间另一导入写入了相同单据编号的销售单（如 {order}），本次导入未写入任何数据，请重新导入',
    'Another import wrote sales orders with the same numbers meanwhile (e.g. {order}); nothing was written, import again',
  ],
  legacy_kept: [
    '文件中的审批/复核记录（{fields}）作为旧系统的历史记录保存在本记录上（来源：本文件第 {row} 行），不是本系统的审批或签名；本系统中仍需由{roles}按流程审批',
    'The approvals/reviews in the file ({fields}) are kept on the record as facts of the legacy system (source: row {row} of this file), not as our approvals or signatures; {roles} still approve it through our workflow',
  ],
  legacy_untrusted: [
    '文件声称已审批/复核（{fields}），但导入人的角色无权作出该审批（应由{roles}）：仅作为未经核实的旧系统记录保存，记录按待审核导入',
    "The file claims an approval/review ({fields}) that the importing user's roles could not grant (only {roles} can): kept only as an unverified legacy fact; the record is imported as pending",
  ],
  legacy_untrusted_ledger: [
    '台账记录的复核/审批/核实（{fields}）由无权作出该步骤的角色导入：仅作为未经核实的旧系统记录保存，不计为复核或审批',
    "The ledger's reviews/approvals/verifications ({fields}) were imported by a role that could not grant them: kept only as unverified legacy facts, not counted as reviews or approvals",
  ],
  not_own_salesperson: [
    '业务员「{value}」不是您本人：销售人员只能导入本人为业务员的销售记录，此行未导入',
    'Salesperson "{value}" is not you: a salesperson may only import sales records of their own; this row was not imported',
  ],
  not_own_record: [
    '{field}「{value}」不是您本人：销售人员只能导入本人负责的记录，此行未导入',
    '{field} "{value}" is not you: a salesperson may only import their own records; this row was not imported',
  ],
  not_own_order: [
    '单据编号「{value}」已是其他业务员的销售单：销售人员不能向他人的销售单导入明细，此行未导入',
    'Order "{value}" already belongs to another salesperson: a salesperson may not import lines into someone else\'s order; this row was not imported',
  ],
  no_salesperson_own: [
    '业务员为空：销售人员导入的销售记录必须填写本人姓名为业务员，此行未导入',
    "The salesperson is empty: a salesperson's imported sales records must name themselves as salesperson; this row was not imported",
  ],
  may_not_create_master: [
    '{target}「{value}」不在档案中，而您的角色无权新建{target}（待审核档案由{roles}建立）：此行未导入；请先由有权限的人员导入或登记该{target}',
    'No {target} "{value}" is on file and your roles may not create {target_en} (pending records are created by {roles}): this row was not imported; have it imported or recorded first',
  ],
  import_nothing: [
    '您的角色（{roles}）无权新建任何可导入的记录，因此不能导入文件',
    'Your roles ({roles}) may not create any importable record, so they may not import files',
  ],
  kind_forbidden: ['您的角色无权新建{target}，因此不能导入“{kind}”', 'Your roles may not create {target_en}, so they may not import "{kind}"'],
  policy_errors: [
    '违反“错误”级规则的可读行照常导入为历史记录，并在该记录上留下未关闭的错误级发现（本报告逐行列出）；旧系统的历史单据标记为旧系统记录，不能在本系统中继续流转（确认、出库、复核、开票等步骤均拒绝）',
    "A readable row that breaks an error-severity rule is imported as a historical record with an open error finding on it (listed row by row in this report); the legacy system's documents are marked as legacy records and are blocked from our workflow (confirm, outbound, review, invoicing refuse them)",
  ],
  policy_guards: [
    '导入与界面/接口相同的权限：按行检查新建/修改权限、本人记录范围和字段权限；无权的行被拒绝并写明原因',
    'An import has the same permissions as the screens and API: each row is checked for create/edit rights, own-record scope and field guards; a row the user may not write is rejected with the reason',
  ],
  policy_legacy: [
    '文件中的审批、复核、核实（首营审核、合同审批、复核员、超限价审批人、特药核实人等）只作为旧系统的历史记录（含来源文件与行号）保存在记录上，从不写入本系统的审批字段或电子签名；导入人无权作出的审批仅作为未经核实的记录保存并给出警告',
    'Approvals, reviews and verifications in a file (first-business approval, contract approval, reviewer, price approver, special-drug verifier…) are kept on the record only as facts of the legacy system (with source file and row), never written into our approval fields or e-signatures; those the importing user could not grant are kept as unverified facts with a warning',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type ImportMessageKey = keyof typeof TEXT;

export function imsg(lang: Lang, key: ImportMessageKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
}
