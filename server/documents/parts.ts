/** Building blocks shared by the document templates: letterhead, key–value grids, lists, signature boxes. */
import type { Company } from './company';
import { html, raw, type SafeHtml } from './html';
import { NONE } from './format';

type Cell = SafeHtml | string | number | null | undefined;

export function letterhead(company: Company, title: string, numbers: [string, Cell][] = []): SafeHtml {
  return html`<div class="company">${company.name}</div><h1>${title}</h1>${numbers.length ? html`<div class="meta">${numbers.map(([k, v]) => html`<span>${k}：${v ?? NONE}</span>`)}</div>` : ''}`;
}

/** A grid of label/value pairs, `perRow` pairs a row. */
export function kv(pairs: [string, Cell][], perRow = 2): SafeHtml {
  const rows: [string, Cell][][] = [];
  for (let i = 0; i < pairs.length; i += perRow) rows.push(pairs.slice(i, i + perRow));
  return html`<table class="kv"><tbody>${rows.map((r) => html`<tr>${r.map(([k, v], i) => html`<th>${k}</th><td${i === r.length - 1 && r.length < perRow ? html` colspan="${(perRow - r.length) * 2 + 1}"` : ''}>${v ?? NONE}</td>`)}</tr>`)}</tbody></table>`;
}

export interface Column<R> {
  head: string;
  cell: (r: R, i: number) => Cell;
  num?: boolean;
  nowrap?: boolean;
}

export function listTable<R>(columns: Column<R>[], rows: R[], opts: { empty?: string; total?: Cell[] } = {}): SafeHtml {
  const cls = (c: Column<R>) => (c.num ? ' class="num"' : c.nowrap ? ' class="nowrap"' : '');
  return html`<table class="list"><thead><tr>${columns.map((c) => html`<th${c.num ? html` class="num"` : ''}>${c.head}</th>`)}</tr></thead><tbody>${
    rows.length
      ? rows.map((r, i) => html`<tr>${columns.map((c) => html`<td${raw(cls(c))}>${c.cell(r, i) ?? NONE}</td>`)}</tr>`)
      : html`<tr><td class="empty" colspan="${columns.length}">${opts.empty ?? '无'}</td></tr>`
  }${opts.total ? html`<tr class="total">${opts.total.map((v, i) => html`<td${columns[i]?.num ? html` class="num"` : ''}>${v ?? ''}</td>`)}</tr>` : ''}</tbody></table>`;
}

/** Signature boxes at the foot of a form: [role, name or date printed under it]. */
export function signs(boxes: [string, Cell][]): SafeHtml {
  return html`<div class="signs" style="--cols:${boxes.length}">${boxes.map(([k, v]) => html`<div><b>${k}</b>${v ?? ''}</div>`)}</div>`;
}

export const sheet = (...parts: SafeHtml[]) => html`<section class="sheet">${parts}</section>`;
