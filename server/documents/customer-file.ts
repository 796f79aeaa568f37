/**
 * A customer's complete file for an inspection, in one ZIP of numbered PDFs: the 购货者档案, every licence
 * and agent ever registered, the authorisation letters of the salespeople who sold to it, the contracts,
 * the sales record list (one PDF a year), the outbound slips (one PDF a year), invoices, complaints,
 * quality feedback forms, recall notices and visits, and the audit and e-signature trail — plus an index.
 *
 * Why a ZIP of PDFs rather than one combined PDF: an inspector asks for one kind of document at a time and
 * files them separately; each PDF is rendered and streamed on its own (memory and render time stay bounded
 * for a customer with years of sales), and no PDF-merging library is needed.
 * Everything is read with the user's rights: a salesperson's file holds only their own orders, slips and
 * contracts (the index says so).
 */
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { can } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import {
  auditLog,
  authorizations,
  complaints,
  contracts,
  customerAgents,
  customerLicenses,
  invoiceSlips,
  invoices,
  outboundSlips,
  qualityFeedback as feedbackTable,
  recallNotices,
  salesOrders,
  signatures,
  users,
  visits,
} from '../../schema/tables';
import { scopeCondition } from '../auth/rbac';
import type { Row } from '../services/records';
import { dateTime, label, list, money, NONE, text, ymd } from './format';
import { html, type SafeHtml } from './html';
import { letterhead, listTable, sheet } from './parts';
import { authorizationLetter } from './templates/authorization-letter';
import { contractSheet } from './templates/contract-sheet';
import { customerSheet } from './templates/customer-sheet';
import { outboundSlip } from './templates/outbound-slip';
import { qualityFeedback } from './templates/quality-feedback';
import { recallNotice } from './templates/recall-notice';
import { customerSalesRows, salesTable } from './templates/sales-record';
import type { DocContext, DocumentTemplate } from './types';
import { packFiles, packFilesTable, type PackFile } from './attachments-section';
import { deliveryItems, deliveryTable } from './templates/document-deliveries';

export interface FileSection {
  /** 01-购货者档案 (the .pdf is added by the writer) */
  name: string;
  title: string;
  /** records in the section */
  count: number;
  landscape?: boolean;
  body: () => Promise<SafeHtml>;
  /** files put into the ZIP as they are, in a folder named like the section (the scans) */
  files?: PackFile[];
}

const resourceLabel = (name: string) => registry.get(name)?.label[0] ?? name;

/** Rows of `resource` the actor may list, matching `where` (live ones unless `withVoided`). */
async function visible(ctx: DocContext, resource: string, where: SQL | undefined, withVoided = false): Promise<Row[]> {
  if (!can(ctx.actor.roles, resource, 'list')) return [];
  const r = registry.get(resource)!;
  const t = r.table;
  return (await ctx.db
    .select()
    .from(t)
    .where(and(where, withVoided ? undefined : isNull(t.voided_at), scopeCondition(ctx.db, ctx.actor, r)))
    .orderBy(asc(t.id))
    .all()) as Row[];
}

const each =
  <D>(ctx: DocContext, template: DocumentTemplate<D>, rows: Row[]) =>
  async () => {
    const parts: SafeHtml[] = [];
    for (const r of rows) parts.push(await template.render(await template.gather(ctx, r, {}), ctx));
    return html`${parts}`;
  };
const state = (r: Row) => (r.voided_at ? html`<span class="warn">已作废 ${ymd(r.voided_at)}${r.void_reason ? `：${r.void_reason}` : ''}</span>` : '有效');
const years = (dates: unknown[]) => [...new Set(dates.filter((d): d is string => typeof d === 'string').map((d) => d.slice(0, 4)))].sort();

export async function customerFilePlan(ctx: DocContext, customer: Row): Promise<FileSection[]> {
  const id = customer.id;
  const head = (title: string) =>
    letterhead(ctx.company, title, [
      ['购货单位', String(customer.name)],
      ['打印日期', ctx.today],
    ]);
  const licences = await visible(ctx, 'customer_licenses', eq(customerLicenses.customer, id), true);
  const agents = await visible(ctx, 'customer_agents', eq(customerAgents.customer, id), true);
  const orders = await visible(ctx, 'sales_orders', eq(salesOrders.customer, id));
  const orderIds = orders.map((o) => o.id);
  const contractRows = await visible(ctx, 'contracts', eq(contracts.customer, id));
  const sellers = [...new Set([...orders, ...contractRows].map((r) => r.salesperson).filter((s): s is number => typeof s === 'number'))];
  const letters = sellers.length ? await visible(ctx, 'authorizations', inArray(authorizations.salesperson, sellers)) : [];
  const slips = orderIds.length ? await visible(ctx, 'outbound_slips', inArray(outboundSlips.order, orderIds)) : [];
  const invoiceRows = await visible(ctx, 'invoices', eq(invoices.customer, id));
  const complaintRows = await visible(ctx, 'complaints', eq(complaints.customer, id));
  const feedbackRows = await visible(ctx, 'quality_feedback', eq(feedbackTable.customer, id));
  const noticeRows = await visible(ctx, 'recall_notices', eq(recallNotices.customer, id));
  const visitRows = await visible(ctx, 'visits', eq(visits.customer, id));
  const saleYears = years(orders.map((o) => o.sale_date));
  const slipYears = years(slips.map((s) => s.outbound_date));
  const scans = await packFiles(ctx, [
    ['customers', [customer], () => String(customer.name)],
    ['customer_licenses', licences, (l) => String(l.number ?? `#${l.id}`)],
    ['customer_agents', agents, (a) => String(a.name ?? `#${a.id}`)],
  ]);
  const deliveries = can(ctx.actor.roles, 'document_deliveries', 'list') ? await deliveryItems(ctx, id) : [];

  const sections: Omit<FileSection, 'name'>[] = [
    { title: '购货者档案', count: 1, body: async () => customerSheet.render(await customerSheet.gather(ctx, customer, {}), ctx) },
    {
      title: '资质证照及单位人员（含历次登记与作废）',
      count: licences.length + agents.length,
      body: async () =>
        sheet(
          head('资质证照及单位人员'),
          html`<h2>资质证照</h2>`,
          listTable(
            [
              { head: '证照类型', cell: (l: Row) => label('customer_licenses', 'kind', l.kind) },
              { head: '证号', cell: (l) => text(l.number), nowrap: true },
              { head: '经营范围', cell: (l) => list(l.scope) },
              { head: '有效期', cell: (l) => `${ymd(l.valid_from)} 至 ${l.valid_to ? ymd(l.valid_to) : '长期'}`, nowrap: true },
              { head: '登记日期', cell: (l) => ymd(l.created_at), nowrap: true },
              { head: '状态', cell: state },
            ],
            licences,
            { empty: '未登记证照' },
          ),
          html`<h2>单位人员</h2>`,
          listTable(
            [
              { head: '姓名', cell: (a: Row) => text(a.name), nowrap: true },
              { head: '身份', cell: (a) => label('customer_agents', 'role', a.role), nowrap: true },
              { head: '身份证号', cell: (a) => text(a.id_no), nowrap: true },
              { head: '联系电话', cell: (a) => text(a.phone), nowrap: true },
              { head: '委托书有效期至', cell: (a) => ymd(a.attorney_valid_to), nowrap: true },
              { head: '身份证复印件', cell: (a) => (a.id_copy ? '已存档' : '无') },
              { head: '状态', cell: state },
            ],
            agents,
            { empty: '未登记人员' },
          ),
        ),
    },
    {
      title: '证照及资料扫描件',
      count: scans.length,
      files: scans,
      body: async () => sheet(head('证照及资料扫描件'), packFilesTable(scans)),
    },
    { title: '资料交付清单', count: deliveries.length, landscape: true, body: async () => sheet(head('资料交付清单'), deliveryTable(deliveries)) },
    { title: '销售人员授权书', count: letters.length, body: each(ctx, authorizationLetter, letters) },
    { title: '购销合同', count: contractRows.length, body: each(ctx, contractSheet, contractRows) },
    ...saleYears.map((y) => ({
      title: `销售记录清单-${y}年`,
      count: orders.filter((o) => String(o.sale_date).startsWith(y)).length,
      landscape: true,
      body: async () =>
        sheet(
          letterhead(ctx.company, '销售记录清单', [
            ['购货单位', String(customer.name)],
            ['期间', `${y}-01-01 至 ${y}-12-31`],
            ['打印日期', ctx.today],
          ]),
          salesTable(await customerSalesRows(ctx, id, `${y}-01-01`, `${y}-12-31`)),
        ),
    })),
    ...slipYears.map((y) => {
      const rows = slips.filter((s) => String(s.outbound_date).startsWith(y));
      return { title: `出库单-${y}年`, count: rows.length, body: each(ctx, outboundSlip, rows) };
    }),
    { title: '发票', count: invoiceRows.length, body: async () => sheet(head('发票清单'), await invoiceTable(ctx, invoiceRows)) },
    { title: '质量信息反馈处理表', count: feedbackRows.length, body: each(ctx, qualityFeedback, feedbackRows) },
    { title: '召回通知', count: noticeRows.length, body: each(ctx, recallNotice, noticeRows) },
    {
      title: '投诉及顾客访问记录',
      count: complaintRows.length + visitRows.length,
      body: async () =>
        sheet(
          head('投诉及顾客访问记录'),
          html`<h2>投诉</h2>`,
          listTable(
            [
              { head: '编号', cell: (c: Row) => text(c.complaint_no), nowrap: true },
              { head: '受理日期', cell: (c) => ymd(c.received_at), nowrap: true },
              { head: '渠道', cell: (c) => label('complaints', 'channel', c.channel) },
              { head: '问题描述', cell: (c) => text(c.description) },
              { head: '处理措施', cell: (c) => text(c.measures) },
              { head: '反馈日期', cell: (c) => ymd(c.feedback_at), nowrap: true },
              { head: '状态', cell: (c) => label('complaints', 'status', c.status) },
            ],
            complaintRows,
            { empty: '无投诉' },
          ),
          html`<h2>顾客访问</h2>`,
          listTable(
            [
              { head: '日期', cell: (v: Row) => ymd(v.visit_date), nowrap: true },
              { head: '方式', cell: (v) => label('visits', 'kind', v.kind) },
              { head: '服务人员', cell: (v) => text(v.staff) },
              { head: '顾客意见', cell: (v) => text(v.opinions) },
              { head: '处理措施', cell: (v) => text(v.actions) },
              { head: '反馈日期', cell: (v) => ymd(v.feedback_at), nowrap: true },
            ],
            visitRows,
            { empty: '无访问记录' },
          ),
        ),
    },
    {
      title: '审核与电子签名记录',
      count: 0,
      landscape: true,
      body: async () =>
        sheet(
          head('审核与电子签名记录'),
          ...(await trail(ctx, {
            customers: [id],
            customer_licenses: licences.map((l) => l.id),
            customer_agents: agents.map((a) => a.id),
            contracts: contractRows.map((c) => c.id),
            outbound_slips: slips.map((s) => s.id),
            complaints: complaintRows.map((c) => c.id),
          })),
        ),
    },
  ];
  const kept = sections.filter((s) => s.count > 0 || s.title === '审核与电子签名记录' || s.title.startsWith('资质证照'));
  return kept.map((s, i) => ({ ...s, name: `${String(i + 1).padStart(2, '0')}-${s.title}` }));
}

async function invoiceTable(ctx: DocContext, rows: Row[]): Promise<SafeHtml> {
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await ctx.db
        .select({ invoice: invoiceSlips.invoice, slip_no: outboundSlips.slip_no })
        .from(invoiceSlips)
        .innerJoin(outboundSlips, eq(outboundSlips.id, invoiceSlips.slip))
        .where(and(inArray(invoiceSlips.invoice, ids), isNull(invoiceSlips.voided_at)))
        .all()
    : [];
  return listTable(
    [
      { head: '发票号码', cell: (r: Row) => text(r.invoice_no), nowrap: true },
      { head: '发票类型', cell: (r) => label('invoices', 'type', r.type) },
      { head: '开票日期', cell: (r) => ymd(r.invoice_date), nowrap: true },
      { head: '价税合计', cell: (r) => money(r.amount), num: true },
      { head: '列明全部品种', cell: (r) => (r.itemised ? '是' : '否') },
      { head: '附销售清单', cell: (r) => (r.list_attached ? '是' : '否') },
      {
        head: '对应出库单',
        cell: (r) =>
          links
            .filter((l) => l.invoice === r.id)
            .map((l) => l.slip_no)
            .join('、') || NONE,
      },
    ],
    rows,
    { empty: '无发票' },
  );
}

/** The audit rows and e-signatures of the given records, oldest first. */
async function trail(ctx: DocContext, records: Record<string, number[]>): Promise<SafeHtml[]> {
  const of = (resCol: typeof auditLog.resource | typeof signatures.resource, idCol: typeof auditLog.record_id | typeof signatures.record_id) =>
    or(
      ...Object.entries(records)
        .filter(([, ids]) => ids.length)
        .map(([res, ids]) => and(eq(resCol, res), inArray(idCol, ids))),
    );
  const audit = can(ctx.actor.roles, 'audit_log', 'list')
    ? await ctx.db
        .select({
          at: auditLog.at,
          action: auditLog.action,
          resource: auditLog.resource,
          record_id: auditLog.record_id,
          reason: auditLog.reason,
          after: auditLog.after,
          actor: users.display_name,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actor))
        .where(of(auditLog.resource, auditLog.record_id))
        .orderBy(asc(auditLog.id))
        .all()
    : [];
  const signed = can(ctx.actor.roles, 'signatures', 'list')
    ? await ctx.db.select().from(signatures).where(of(signatures.resource, signatures.record_id)).orderBy(asc(signatures.id)).all()
    : [];
  const fields = (resource: string, after: unknown) => {
    const keys = after && typeof after === 'object' ? Object.keys(after as object) : [];
    const spec = registry.get(resource)?.fields ?? {};
    return keys
      .filter((k) => spec[k])
      .map((k) => spec[k].label[0])
      .join('、');
  };
  return [
    html`<h2>电子签名</h2>`,
    listTable(
      [
        { head: '签名时间', cell: (s: (typeof signed)[number]) => dateTime(s.signed_at), nowrap: true },
        { head: '签名人', cell: (s) => s.signer_name, nowrap: true },
        { head: '签名含义', cell: (s) => label('signatures', 'meaning', s.meaning) },
        { head: '记录', cell: (s) => `${resourceLabel(s.resource)} #${s.record_id}` },
        { head: '意见', cell: (s) => text(s.comment) },
      ],
      signed,
      { empty: '无电子签名' },
    ),
    html`<h2>审计记录（新建、修改、作废、签名）</h2>`,
    listTable(
      [
        { head: '时间', cell: (a: (typeof audit)[number]) => dateTime(a.at), nowrap: true },
        { head: '操作人', cell: (a) => text(a.actor ?? '系统'), nowrap: true },
        { head: '操作', cell: (a) => label('audit_log', 'action', a.action), nowrap: true },
        { head: '记录', cell: (a) => `${resourceLabel(a.resource)} #${a.record_id}` },
        { head: '修改内容', cell: (a) => fields(a.resource, a.after) || NONE },
        { head: '原因', cell: (a) => text(a.reason) },
      ],
      audit,
      { empty: '无审计记录' },
    ),
  ];
}

/** 00-目录: what the file holds and under whose rights it was produced. */
export function indexPage(ctx: DocContext, customer: Row, sections: FileSection[], scoped: boolean): SafeHtml {
  return sheet(
    letterhead(ctx.company, '购货者完整档案 目录', [
      ['购货单位', String(customer.name)],
      ['生成时间', dateTime(ctx.now)],
      ['生成人', ctx.actor.display_name],
    ]),
    listTable(
      [
        { head: '文件', cell: (s: FileSection) => `${s.name}.pdf` },
        { head: '内容', cell: (s) => s.title },
        { head: '记录数', cell: (s) => (s.title === '审核与电子签名记录' ? NONE : s.count), num: true },
      ],
      sections,
    ),
    scoped ? html`<p class="note warn">本档案按生成人的权限生成：仅含其本人经办的销售单、出库单和合同。</p>` : html``,
    html`<p class="note">统一社会信用代码：${text(customer.credit_code)}；首营审核：${label('customers', 'qa_status', customer.qa_status)} ${ymd(customer.qa_approved_at)}</p>`,
  );
}
