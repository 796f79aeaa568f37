/**
 * The demo's scans and document deliveries, through the attachment service and the write service: the
 * licences and purchasers' documents of the approved customers (one licence renewed with its old scan kept as
 * history, one newest licence never scanned — the 首营 checklist shows it), half of the pending customers',
 * every approved product's approval document and the imported product's import documents; and for the
 * approved customers who buy, the copies of our licences and of product approvals they were given (第二篇 3.6).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { CUSTOMER_LICENSE_KIND } from '../../schema/enums';
import { companyLicenses, customerAgents, customerLicenses } from '../../schema/tables';
import { addAttachmentBytes } from '../services/attachments/service';
import type { Row } from '../services/records';
import type { CustomerSeed } from './parties';
import type { ProductSet } from './products';
import type { Rng } from './random';
import { placeholderPdf } from './scan-pdf';
import { SEED_REASON, type Writer } from './writer';

const licenceLabel = (kind: unknown) => CUSTOMER_LICENSE_KIND.labels[kind as keyof typeof CUSTOMER_LICENSE_KIND.labels]?.[0] ?? String(kind);

export async function seedScans(w: Writer, rng: Rng, customers: readonly CustomerSeed[], products: ProductSet): Promise<void> {
  await w.tx(async () => {
    const ctx = w.current;
    const scan = (resource: string, id: number, kind: string, fileName: string, replaces?: number) =>
      addAttachmentBytes(
        ctx,
        { resource, recordId: id, kind, fileName, replaces, reason: SEED_REASON, seed: true },
        placeholderPdf(`DEMO ${resource} ${id} ${kind}${replaces ? ' renewed' : ''}`),
      );
    let renewed = false;
    let unscanned = false;
    for (const c of customers) {
      if (c.qa_status === 'rejected' || (c.qa_status === 'pending' && rng.chance(0.5))) continue;
      const live = async <T extends typeof customerLicenses | typeof customerAgents>(t: T) =>
        (await ctx.db
          .select()
          .from(t)
          .where(and(eq(t.customer, c.id), isNull(t.voided_at)))
          .orderBy(t.id) // PostgreSQL returns rows in no set order without it (an updated row moves)
          .all()) as Row[];
      const licences = await live(customerLicenses);
      for (const [i, l] of licences.entries()) {
        if (!unscanned && c.qa_status === 'approved' && i === licences.length - 1 && licences.length > 1) {
          unscanned = true;
          continue;
        }
        const name = `${licenceLabel(l.kind)}-${l.number}.pdf`;
        const first = await scan('customer_licenses', l.id, 'licence_scan', name);
        if (!renewed && c.qa_status === 'approved') {
          renewed = true;
          await scan('customer_licenses', l.id, 'licence_scan', `换发-${name}`, first.id);
        }
      }
      for (const a of (await live(customerAgents)).filter((x) => x.role === 'purchaser')) {
        await scan('customer_agents', a.id, 'attorney', `法人委托书-${a.name}.pdf`);
        if (a.id_copy) await scan('customer_agents', a.id, 'id_copy', `身份证复印件-${a.name}.pdf`);
      }
    }
    for (const p of products.products) {
      if (p.qa_status !== 'approved' || p.id == null) continue;
      await scan('products', p.id, 'approval_doc', `批准证明文件-${p.approval_no}.pdf`);
      if (p.imported) {
        await scan('products', p.id, 'import_registration', `进口药品注册证-${p.approval_no}.pdf`);
        await scan('products', p.id, 'customs_clearance', `进口药品通关单-${p.approval_no}.pdf`);
      }
    }
  });

  // What the approved, buying customers were given when first supplied.
  const ours = (await w.current.db.select().from(companyLicenses).where(isNull(companyLicenses.voided_at)).orderBy(companyLicenses.id).all()) as Row[];
  const drugLicence = ours.find((l) => l.kind === 'drug_business' && (!l.valid_to || String(l.valid_to) >= String(l.valid_from)));
  const approvedProducts = products.products.filter((p) => p.qa_status === 'approved' && p.id != null);
  const buyers = customers.filter((c) => c.qa_status === 'approved' && c.approvedAt && c.type !== 'individual');
  await w.createAll(
    'document_deliveries',
    buyers.flatMap((c) => [
      ...(drugLicence ? [{ c, kind: 'company_licence', company_license: drugLicence.id as number }] : []),
      ...rng.sample(approvedProducts, 2).map((p) => ({ c, kind: 'product_approval', product: p.id! })),
    ]),
    ({ c, kind, ...doc }) => ({
      customer: c.id,
      delivered_at: c.approvedAt,
      kind,
      ...doc,
      copies: 1,
      sealed: true,
      delivered_by: '销售部',
      received_by: c.agents.find((a) => a.role === 'purchaser')?.name ?? null,
    }),
  );
}
