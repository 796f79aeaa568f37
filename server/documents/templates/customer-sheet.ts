/**
 * 购货者档案: the customer's file sheet as QA keeps it for 首营 (第五篇 2): identity, licences with scope
 * and validity, the agents (法定代表人, 采购/提货人员 with their powers of attorney), the first-business
 * approval with its e-signature, the credit review (sales with finance) and the storage review.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { customerAgents, customerLicenses } from '../../../schema/tables';
import type { Row } from '../../services/records';
import { signaturesFor, type SignatureRow } from '../data';
import { dateTime, label, list, money, NONE, text, validity, yesNo, ymd } from '../format';
import { html } from '../html';
import { kv, letterhead, listTable, sheet, signs } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  customer: Row;
  licences: Row[];
  agents: Row[];
  signatures: SignatureRow[];
}

export const customerSheet: DocumentTemplate<Data> = {
  key: 'customer-sheet',
  resource: 'customers',
  title: '购货者档案',
  async gather(ctx, customer) {
    const live = <T extends typeof customerLicenses | typeof customerAgents>(t: T) => and(eq(t.customer, customer.id), isNull(t.voided_at));
    return {
      customer,
      licences: (await ctx.db
        .select()
        .from(customerLicenses)
        .where(live(customerLicenses))
        .orderBy(asc(customerLicenses.kind), asc(customerLicenses.valid_to))
        .all()) as Row[],
      agents: (await ctx.db.select().from(customerAgents).where(live(customerAgents)).orderBy(asc(customerAgents.id)).all()) as Row[],
      signatures: await signaturesFor(ctx.db, 'customers', customer),
    };
  },
  fileName: (d) => `购货者档案-${d.customer.name}`,
  render(d, ctx) {
    const c = d.customer;
    const approval = d.signatures.filter((s) => s.meaning === 'approve_first_business' || s.meaning === 'reject_first_business');
    return sheet(
      letterhead(ctx.company, '购货者档案', [
        ['档案编号', `KH${String(c.id).padStart(6, '0')}`],
        ['建档日期', ymd(c.created_at)],
        ['打印日期', ctx.today],
      ]),
      html`<h2>一、基本信息</h2>`,
      kv([
        ['单位名称', text(c.name)],
        ['单位类型', label('customers', 'type', c.type)],
        ['统一社会信用代码', text(c.credit_code)],
        ['所在地区', text(c.region)],
        ['地址', text(c.address)],
        ['法定代表人', text(c.legal_rep)],
        ['联系人', text(c.contact_name)],
        ['联系电话', text(c.contact_phone)],
        ['定点服务单位', yesNo(c.service_point)],
        ['具备冷链', yesNo(c.cold_chain)],
      ]),
      html`<h2>二、资质证照</h2>`,
      listTable(
        [
          { head: '证照类型', cell: (l: Row) => label('customer_licenses', 'kind', l.kind) },
          { head: '证号', cell: (l) => text(l.number), nowrap: true },
          { head: '经营范围', cell: (l) => list(l.scope) },
          { head: '有效期', cell: (l) => `${ymd(l.valid_from)} 至 ${l.valid_to ? ymd(l.valid_to) : '长期'}`, nowrap: true },
          {
            head: '状态',
            cell: (l) => {
              const v = validity(l.valid_to, ctx.today);
              return v.warn ? html`<span class="warn">${v.text}</span>` : v.text;
            },
            nowrap: true,
          },
        ],
        d.licences,
        { empty: '未登记证照' },
      ),
      html`<h2>三、单位人员（法定代表人、负责人、采购及提货人员）</h2>`,
      listTable(
        [
          { head: '姓名', cell: (a: Row) => text(a.name), nowrap: true },
          { head: '身份', cell: (a) => label('customer_agents', 'role', a.role), nowrap: true },
          { head: '身份证号', cell: (a) => text(a.id_no), nowrap: true },
          { head: '联系电话', cell: (a) => text(a.phone), nowrap: true },
          {
            head: '法人委托书有效期至',
            cell: (a) => {
              if (!a.attorney_valid_to) return NONE;
              const v = validity(a.attorney_valid_to, ctx.today);
              return v.warn ? html`${ymd(a.attorney_valid_to)} <span class="warn">${v.text}</span>` : ymd(a.attorney_valid_to);
            },
          },
          { head: '身份证复印件', cell: (a) => (a.id_copy ? '已存档' : '无') },
        ],
        d.agents,
        { empty: '未登记人员' },
      ),
      html`<h2>四、首营审核</h2>`,
      kv([
        ['审核状态', label('customers', 'qa_status', c.qa_status)],
        ['审核日期', ymd(c.qa_approved_at)],
        ['审核人', text(c.qa_approved_by)],
        ['电子签名', approval.length ? '见下表' : '无'],
      ]),
      approval.length
        ? listTable(
            [
              { head: '签名含义', cell: (s: SignatureRow) => label('signatures', 'meaning', s.meaning) },
              { head: '签名人', cell: (s) => s.signer_name },
              { head: '签名时间', cell: (s) => dateTime(s.signed_at), nowrap: true },
              { head: '意见', cell: (s) => text(s.comment) },
              { head: '签名校验', cell: (s) => (s.valid ? '有效（记录未改动）' : html`<span class="warn">记录在签名后已修改</span>`) },
            ],
            approval,
          )
        : html``,
      html`<h2>五、信誉与储存条件审核</h2>`,
      kv([
        ['信誉审核日期', ymd(c.credit_reviewed_at)],
        ['信用额度（元）', money(c.credit_limit)],
        ['付款能力评价', text(c.payment_rating)],
        ['储存条件审核日期', ymd(c.storage_reviewed_at)],
      ]),
      signs([
        ['销售部门意见', ''],
        ['财务部意见', ''],
        ['质管部审核', text(c.qa_approved_by)],
        ['企业负责人', ctx.company.legalRep],
      ]),
    );
  },
};
