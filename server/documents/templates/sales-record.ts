/**
 * 销售记录(清单): the GSP sales record columns (通用名称, 剂型, 规格, 批号, 有效期, 生产厂商, 购货单位, 数量,
 * 单价, 金额, 销售日期) for one order, or for one customer over a date range (the lines a salesperson may
 * see only: their own orders). With a medical device among the lines the record adds what 第四篇 一.4/一.5
 * lists for devices: 注册证号/备案凭证编号, 生产企业许可证号, 灭菌批号 (sterile single-use devices), 经办人 and
 * 负责人 per line; the buyer's licence number, address and contact head every record.
 */
import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { salesLines } from '../../../schema/tables';
import { scopeCondition } from '../../auth/rbac';
import { badRequest } from '../../errors';
import type { Row } from '../../services/records';
import { buyerLicenceNumbers, ref, salesRows, type SalesRow } from '../data';
import { label, money, NONE, qty, text, ymd } from '../format';
import { html, type SafeHtml } from '../html';
import { kv, letterhead, listTable, sheet, signs, type Column } from '../parts';
import type { DocContext, DocQuery, DocumentTemplate } from '../types';

const COLUMNS: Column<SalesRow>[] = [
  { head: '序号', cell: (_r, i) => i + 1, num: true },
  { head: '销售日期', cell: (r) => r.sale_date, nowrap: true },
  { head: '单据编号', cell: (r) => r.order_no, nowrap: true },
  { head: '通用名称', cell: (r) => r.generic_name },
  { head: '剂型', cell: (r) => r.dosage_form },
  { head: '规格', cell: (r) => r.spec },
  { head: '批号', cell: (r) => r.batch_no, nowrap: true },
  { head: '有效期', cell: (r) => r.expiry_date, nowrap: true },
  { head: '生产厂商', cell: (r) => r.manufacturer },
  { head: '购货单位', cell: (r) => r.customer },
  { head: '单位', cell: (r) => r.unit },
  { head: '数量', cell: (r) => qty(r.quantity), num: true },
  { head: '单价', cell: (r) => money(r.unit_price), num: true },
  { head: '金额', cell: (r) => money(r.amount), num: true },
];

const DEVICE_COLUMNS: Column<SalesRow>[] = [
  { head: '注册证号/备案凭证编号', cell: (r) => (r.kind === 'device' ? r.approval_no : null) },
  { head: '生产企业许可证号/备案凭证编号', cell: (r) => (r.kind === 'device' ? r.manufacturer_license : null) },
  { head: '灭菌批号', cell: (r) => (r.sterile_single_use ? r.sterilization_batch : null), nowrap: true },
  { head: '经办人', cell: (r) => r.handler },
  { head: '负责人', cell: (r) => r.responsible },
];

/** The record's columns: the device columns go in after 生产厂商 when a line is a device. */
export function columnsFor(rows: SalesRow[]): Column<SalesRow>[] {
  if (!rows.some((r) => r.kind === 'device')) return COLUMNS;
  const at = COLUMNS.findIndex((c) => c.head === '生产厂商') + 1;
  return [...COLUMNS.slice(0, at), ...DEVICE_COLUMNS, ...COLUMNS.slice(at)];
}

/** 第四篇 一.4(4): the buyer's name, licence number, business address and contact. */
export async function buyerBlock(db: DocContext['db'], customer: Row | undefined): Promise<SafeHtml> {
  return kv([
    ['购货单位', text(customer?.name)],
    ['经营许可证号/备案凭证编号', text(await buyerLicenceNumbers(db, customer?.id))],
    ['经营地址', text(customer?.address)],
    ['联系方式', text([customer?.contact_name, customer?.contact_phone].filter(Boolean).join(' '))],
  ]);
}

export function salesTable(rows: SalesRow[], columns = columnsFor(rows)): SafeHtml {
  const sum = rows.reduce((s, r) => s + (r.amount ?? 0), 0);
  const total = columns.map((c, i) =>
    i === 0 ? '' : c.head === '金额' ? money(Math.round(sum * 100) / 100) : c.head === '销售日期' ? `合计 ${rows.length} 行` : '',
  );
  return listTable(columns, rows, { empty: '该期间无销售记录', total });
}

/** Lines the actor may read (a salesperson: their own orders only), besides `where`. */
function visibleLines(ctx: DocContext, where: SQL | undefined) {
  return salesRows(ctx.db, and(where, scopeCondition(ctx.db, ctx.actor, registry.get('sales_lines')!)));
}

interface OrderData {
  order: Row;
  customer?: Row;
  salesperson?: Row;
  contract?: Row;
  rows: SalesRow[];
}

export const salesOrderRecord: DocumentTemplate<OrderData> = {
  key: 'sales-record',
  resource: 'sales_orders',
  title: '销售记录',
  landscape: true,
  async gather(ctx, order) {
    return {
      order,
      customer: await ref(ctx.db, 'customers', order.customer),
      salesperson: await ref(ctx.db, 'salespeople', order.salesperson),
      contract: await ref(ctx.db, 'contracts', order.contract),
      rows: await salesRows(ctx.db, eq(salesLines.order, order.id)),
    };
  },
  fileName: (d) => `销售记录-${d.order.order_no}`,
  async render(d, ctx) {
    const names = (k: 'handler' | 'responsible') => [...new Set(d.rows.map((r) => r[k]).filter(Boolean))].join('、') || NONE;
    return sheet(
      letterhead(ctx.company, '销售记录', [
        ['单据编号', String(d.order.order_no)],
        ['销售日期', ymd(d.order.sale_date)],
      ]),
      await buyerBlock(ctx.db, d.customer),
      kv(
        [
          ['销售人员', text(d.salesperson?.name)],
          ['合同编号', text(d.contract?.contract_no)],
          ['付款方式', label('sales_orders', 'payment_method', d.order.payment_method)],
          ['状态', label('sales_orders', 'status', d.order.status)],
          ['备注', text(d.order.remark)],
        ],
        3,
      ),
      html`<h2>销售明细</h2>`,
      salesTable(d.rows),
      signs([
        ['经办人', names('handler')],
        ['销售人员', text(d.salesperson?.name)],
        ['负责人', names('responsible')],
      ]),
    );
  },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface RangeData {
  customer: Row;
  from: string;
  to: string;
  rows: SalesRow[];
}

/** from/to (YYYY-MM-DD, inclusive); default: the current year up to today. */
export function dateRange(ctx: DocContext, query: DocQuery): { from: string; to: string } {
  const from = query.from || `${ctx.today.slice(0, 4)}-01-01`;
  const to = query.to || ctx.today;
  if (!DATE.test(from)) throw badRequest(msg(ctx.lang, 'invalid_query', { param: 'from' }));
  if (!DATE.test(to) || to < from) throw badRequest(msg(ctx.lang, 'invalid_query', { param: 'to' }));
  return { from, to };
}

export async function customerSalesRows(ctx: DocContext, customer: number, from: string, to: string): Promise<SalesRow[]> {
  return visibleLines(ctx, and(eq(salesLines.customer, customer), gte(salesLines.sale_date, from), lte(salesLines.sale_date, to)));
}

export const customerSalesRecord: DocumentTemplate<RangeData> = {
  key: 'customer-sales-record',
  resource: 'customers',
  title: '销售记录清单',
  landscape: true,
  async gather(ctx, customer, query) {
    const { from, to } = dateRange(ctx, query);
    return { customer, from, to, rows: await customerSalesRows(ctx, customer.id, from, to) };
  },
  fileName: (d) => `销售记录清单-${d.customer.name}-${d.from}至${d.to}`,
  async render(d, ctx) {
    return sheet(
      letterhead(ctx.company, '销售记录清单', [
        ['购货单位', String(d.customer.name)],
        ['期间', `${d.from} 至 ${d.to}`],
        ['打印日期', ctx.today],
      ]),
      await buyerBlock(ctx.db, d.customer),
      salesTable(d.rows),
      signs([
        ['制表人', ctx.actor.display_name],
        ['销售部负责人', ''],
        ['质管部', ''],
      ]),
    );
  },
};
