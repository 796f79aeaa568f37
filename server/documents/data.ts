/** Reads shared by several documents: a referenced record, and sales lines with the GSP 销售记录 columns. */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { registry } from '../../schema/resources';
import { batches, customerLicenses, customers, products, salesLines, salesOrders } from '../../schema/tables';
import type { Db } from '../db';
import { findRow, type Row } from '../services/records';
import { signaturesOf } from '../services/sign';

/** The referenced record (voided ones too: a printed document shows what the record pointed to). */
export async function ref(db: Db, resource: string, id: unknown): Promise<Row | undefined> {
  return typeof id === 'number' ? findRow(db, registry.get(resource)!, id) : undefined;
}

export interface SalesRow {
  line: number;
  order_no: string;
  sale_date: string;
  customer: string;
  generic_name: string;
  dosage_form: string | null;
  spec: string | null;
  unit: string | null;
  manufacturer: string | null;
  approval_no: string | null;
  batch_no: string | null;
  expiry_date: string | null;
  quantity: number;
  unit_price: number;
  amount: number;
  handler: string | null;
  responsible: string | null;
  /** 第四篇 一.4/一.5: what a device's record adds (kind, the maker's licence, the sterilisation batch) */
  kind: string | null;
  manufacturer_license: string | null;
  sterile_single_use: boolean | null;
  sterilization_batch: string | null;
}

/** Live sales lines matching `where` (on sales_lines), oldest first, with product, batch and buyer. */
export async function salesRows(db: Db, where: SQL | undefined): Promise<SalesRow[]> {
  return (await db
    .select({
      line: salesLines.id,
      order_no: salesOrders.order_no,
      sale_date: salesOrders.sale_date,
      customer: customers.name,
      generic_name: products.generic_name,
      dosage_form: products.dosage_form,
      spec: products.spec,
      unit: products.unit,
      manufacturer: products.manufacturer,
      approval_no: products.approval_no,
      batch_no: batches.batch_no,
      expiry_date: batches.expiry_date,
      quantity: salesLines.quantity,
      unit_price: salesLines.unit_price,
      amount: salesLines.amount,
      handler: salesLines.handler,
      responsible: salesLines.responsible,
      kind: products.kind,
      manufacturer_license: products.manufacturer_license,
      sterile_single_use: products.sterile_single_use,
      sterilization_batch: batches.sterilization_batch,
    })
    .from(salesLines)
    .innerJoin(salesOrders, eq(salesOrders.id, salesLines.order))
    .innerJoin(customers, eq(customers.id, salesOrders.customer))
    .innerJoin(products, eq(products.id, salesLines.product))
    .leftJoin(batches, eq(batches.id, salesLines.batch))
    .where(and(isNull(salesLines.voided_at), isNull(salesOrders.voided_at), where))
    .orderBy(asc(salesOrders.sale_date), asc(salesOrders.id), asc(salesLines.id))
    .all()) as SalesRow[];
}

export interface SignatureRow {
  resource: string;
  record_id: number;
  meaning: string;
  signer_name: string;
  signed_at: string;
  comment: string | null;
  /** the record still hashes to what was signed */
  valid: boolean;
}

/** The record's e-signatures, oldest first, each checked against the record as it is now. */
export async function signaturesFor(db: Db, resource: string, row: Row): Promise<SignatureRow[]> {
  return signaturesOf(db, registry.get(resource)!, row) as unknown as SignatureRow[];
}

/**
 * The buyer as a sales record names it (第四篇 一.4(4)): its business licences' numbers (经营许可证 / 备案凭证 /
 * 医疗机构执业许可证; the business licence is not one), its address and contact.
 */
export async function buyerLicenceNumbers(db: Db, customer: number | undefined): Promise<string> {
  if (customer == null) return '';
  return (
    await db
      .select({ kind: customerLicenses.kind, number: customerLicenses.number })
      .from(customerLicenses)
      .where(and(eq(customerLicenses.customer, customer), isNull(customerLicenses.voided_at)))
      .orderBy(asc(customerLicenses.id))
      .all()
  )
    .filter((l) => l.kind !== 'business' && l.number)
    .map((l) => l.number)
    .join('、');
}
