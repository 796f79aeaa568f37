/**
 * Product information material (第二篇 3.7, 第四篇 一.8, 第五篇 3.1: 正确介绍药品，不得虚假夸大): each product's
 * introduction text is versioned. A new version is numbered by the server; an approved or superseded version
 * is never edited (a change is a new version), and QA's approval of a version supersedes the product's earlier
 * approved one, which stays readable.
 */
import { and, eq, isNull, max } from 'drizzle-orm';
import { registry } from '../../../../schema/resources';
import { productMaterials } from '../../../../schema/tables';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { applyChanges } from '../../write';
import { fieldError, refuse } from './text';

const FROZEN = ['product', 'title', 'content'] as const;

export async function fillMaterial(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): Promise<void> {
  if (!current) {
    const product = values.product as number;
    const r = (await ctx.db
      .select({ v: max(productMaterials.edition) })
      .from(productMaterials)
      .where(eq(productMaterials.product, product))
      .get()) as { v: number | null };
    values.edition = (r.v ?? 0) + 1;
    return;
  }
  delete values.edition;
  if (current.status !== 'draft' && FROZEN.some((k) => k in values && JSON.stringify(values[k]) !== JSON.stringify(current[k]))) {
    refuse(
      ctx,
      `第 ${current.edition} 版资料已批准，不能修改（保留原文以备查）；请新建一个版本，经质管部批准后取代本版。`,
      `Edition ${current.edition} is approved and is kept as it was: create a new version for QA to approve instead.`,
    );
  }
}

/** The approval: this version approved, the product's earlier approved version superseded. */
export async function approveMaterial(ctx: ServiceContext, row: Row): Promise<Record<string, unknown>> {
  const res = registry.get('product_materials')!;
  const older = (await ctx.db
    .select()
    .from(productMaterials)
    .where(and(eq(productMaterials.product, row.product as number), eq(productMaterials.status, 'approved'), isNull(productMaterials.voided_at)))
    .all()) as Row[];
  const reason = ctx.lang === 'en' ? `superseded by edition ${row.edition}` : `被第 ${row.edition} 版取代`;
  for (const o of older) if (o.id !== row.id) await applyChanges(ctx, res, o, { status: 'superseded' }, { reason });
  return { status: 'approved', approved_by: ctx.actor.display_name, approved_at: ctx.clock.today() };
}

/**
 * A visit or complaint cites the material that was used (第二篇 3.7): an approved edition (or one superseded
 * since — the record keeps what was used then) of the record's product, never a draft nobody approved.
 */
export async function checkCitedMaterial(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): Promise<void> {
  if (values.material == null || values.material === current?.material) return;
  const m = (await ctx.db
    .select()
    .from(productMaterials)
    .where(eq(productMaterials.id, values.material as number))
    .get()) as Row | undefined;
  if (!m) return; // the reference check names a missing record
  const product = values.product !== undefined ? values.product : current?.product;
  if (m.status === 'draft') {
    fieldError(
      ctx,
      'material',
      `「${m.title}」第 ${m.edition} 版尚未经质管部批准，不能作为介绍资料使用`,
      `"${m.title}" edition ${m.edition} is not approved by QA and cannot be cited`,
    );
  }
  if (product != null && product !== m.product) fieldError(ctx, 'material', '所用产品资料不是该品种的资料', 'The material cited is for another product');
}
