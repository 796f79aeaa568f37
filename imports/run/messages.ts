/** The importer's own row messages (the readers and normalisers have theirs), in both languages. */
import type { Lang } from '../../schema/messages';

const TEXT = {
  missing_sale_date: ['销售日期为空：销售记录必须有销售日期，请补填后重新导入', 'The sale date is empty: a sales record needs one; fill it in and re-import'],
  missing_customer: ['购货单位为空：请填写购货单位名称（或统一社会信用代码）后重新导入', 'The buyer is empty: fill in its name (or unified credit code) and re-import'],
  missing_product: ['品种无法识别：通用名称和批准文号均为空，请至少填写其一（最好两者和规格都填）', 'The product cannot be identified: both the generic name and the approval number are empty'],
  unknown_product_no_name: [
    '品种档案中没有批准文号「{approval}」规格「{spec}」的品种，且通用名称为空，无法建立待审核品种；请填写通用名称或先导入品种',
    'No product with approval number "{approval}" and specification "{spec}" is on file and the generic name is empty, so no pending product can be created; fill in the generic name or import the product first',
  ],
  ambiguous_product: [
    '「{value}」对应多个品种，无法确定是哪一个；请填写批准文号和规格',
    '"{value}" matches several products; fill in the approval number and specification',
  ],
  missing_number: ['{field}为空：销售明细必须有{field}，请补填后重新导入', '{field} is empty: a sales line needs it; fill it in and re-import'],
  not_found: ['找不到{target}「{value}」：请先导入或登记该{target}，或更正此处的填写', 'No {target} "{value}" is on file: import or record it first, or correct the value'],
  ambiguous: ['{target}「{value}」对应多条记录，无法确定是哪一条；请填写更完整的标识（{keys}）', '{target} "{value}" matches several records; give a fuller key ({keys})'],
  required: ['必填项为空', 'Required'],
  read_only_kind: ['“{kind}”是系统记录，不能导入', '"{kind}" records are written by the system and cannot be imported'],
  unknown_kind: ['未知的导入类型“{kind}”（可用：{kinds}）', 'Unknown import kind "{kind}" (kinds: {kinds})'],
  upload_too_large: ['上传的文件超过大小限制（{mb} MB），未导入任何数据；请拆分文件或联系管理员调整 GSP_UPLOAD_MAX_MB', 'The upload exceeds the size limit ({mb} MB); nothing was imported. Split the file or ask an administrator to raise GSP_UPLOAD_MAX_MB'],
  duplicate_file: ['该文件已于导入 #{id} 导入过（SHA-256 相同），所有行按重复处理；如需再次导入请使用 --force', 'This file was already imported as import #{id} (same SHA-256): every row is a duplicate; use --force to import it again'],
  order_conflict: ['导入期间另一导入写入了相同单据编号的销售单（如 {order}），本次导入未写入任何数据，请重新导入', 'Another import wrote sales orders with the same numbers meanwhile (e.g. {order}); nothing was written, import again'],
} as const satisfies Record<string, readonly [string, string]>;

export type ImportMessageKey = keyof typeof TEXT;

export function imsg(lang: Lang, key: ImportMessageKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
}
