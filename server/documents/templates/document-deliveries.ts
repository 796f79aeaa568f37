/**
 * 资料交付清单 (第二篇 3.6): which of our documents — sealed licence copies, product approval copies, import
 * documents, authorisation letters — were handed to the customer when, by whom, received by whom. Printed from
 * the customer (every live delivery record of it, oldest first); `?from=&to=` limits the period.
 */
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { isValidDate } from '../../../schema/validate';
import { documentDeliveries } from '../../../schema/tables';
import { badRequest } from '../../errors';
import type { Row } from '../../services/records';
import { ref } from '../data';
import { label, NONE, text, ymd } from '../format';
import { html } from '../html';
import { letterhead, listTable, sheet, signs } from '../parts';
import type { DocContext, DocumentTemplate } from '../types';

interface Item {
  row: Row;
  what: string;
  number: string;
  validTo: string;
}
interface Data {
  customer: Row;
  items: Item[];
  from?: string;
  to?: string;
}

async function item(ctx: DocContext, d: Row): Promise<Item> {
  const licence = await ref(ctx.db, 'company_licenses', d.company_license);
  const product = await ref(ctx.db, 'products', d.product);
  const letter = await ref(ctx.db, 'authorizations', d.authorization);
  if (licence) return { row: d, what: label('company_licenses', 'kind', licence.kind), number: text(licence.number), validTo: ymd(licence.valid_to) };
  if (product) return { row: d, what: [product.generic_name, product.spec].filter(Boolean).join(' '), number: text(product.approval_no), validTo: NONE };
  if (letter) return { row: d, what: '销售人员授权书', number: text(letter.document_no), validTo: ymd(letter.valid_to) };
  return { row: d, what: NONE, number: NONE, validTo: NONE };
}

/** The customer's live delivery records in the period, oldest first (also the inspection pack's section). */
export async function deliveryItems(ctx: DocContext, customerId: number, from?: string, to?: string): Promise<Item[]> {
  const t = documentDeliveries;
  const rows = (await ctx.db
    .select()
    .from(t)
    .where(and(eq(t.customer, customerId), isNull(t.voided_at), from ? gte(t.delivered_at, from) : undefined, to ? lte(t.delivered_at, to) : undefined))
    .orderBy(asc(t.delivered_at), asc(t.id))
    .all()) as Row[];
  const items: Item[] = [];
  for (const d of rows) items.push(await item(ctx, d));
  return items;
}

export function deliveryTable(items: Item[]) {
  return listTable(
    [
      { head: '序号', cell: (_i: Item, n) => n + 1, num: true },
      { head: '交付日期', cell: (i) => ymd(i.row.delivered_at), nowrap: true },
      { head: '资料类型', cell: (i) => label('document_deliveries', 'kind', i.row.kind) },
      { head: '资料名称', cell: (i) => i.what },
      { head: '证号/批准文号', cell: (i) => i.number, nowrap: true },
      { head: '有效期至', cell: (i) => i.validTo, nowrap: true },
      { head: '份数', cell: (i) => (typeof i.row.copies === 'number' ? i.row.copies : NONE), num: true },
      { head: '加盖原印章', cell: (i) => (i.row.sealed ? '是' : '否') },
      { head: '交付人', cell: (i) => text(i.row.delivered_by), nowrap: true },
      { head: '接收人', cell: (i) => text(i.row.received_by), nowrap: true },
    ],
    items,
    { empty: '无交付记录' },
  );
}

export const documentDeliveryList: DocumentTemplate<Data> = {
  key: 'document-deliveries',
  resource: 'customers',
  title: '资料交付清单',
  landscape: true,
  async gather(ctx, customer, query) {
    const from = query.from?.trim() || undefined;
    const to = query.to?.trim() || undefined;
    for (const d of [from, to]) {
      if (d && !isValidDate(d)) throw badRequest(ctx.lang === 'en' ? `Dates must be YYYY-MM-DD: ${d}` : `日期应为 YYYY-MM-DD：${d}`);
    }
    return { customer, from, to, items: await deliveryItems(ctx, customer.id, from, to) };
  },
  fileName: (d) => `资料交付清单-${d.customer.name}`,
  render(d, ctx) {
    const period = d.from || d.to ? `${d.from ?? '—'} 至 ${d.to ?? '—'}` : '全部';
    return sheet(
      letterhead(ctx.company, '资料交付清单', [
        ['购货单位', String(d.customer.name)],
        ['期间', period],
        ['打印日期', ctx.today],
      ]),
      deliveryTable(d.items),
      html`<p class="note">依据第二篇 3.6：销售药品时向购货单位提供加盖本企业原印章的证照复印件、所售药品批准证明文件复印件、进口药品证明文件及授权书复印件。</p>`,
      signs([
        ['交付人（签字）', ''],
        ['购货单位接收人（签字）', ''],
        ['日期', ''],
      ]),
    );
  },
};
