/**
 * The scans a 首营 approval needs, as checklist lines (server/services/workflows/first-business/checklist.ts):
 * a customer's licences each with its 证照扫描件, its purchasers with power of attorney and ID copy (the
 * required slots of customer_licenses / customer_agents); a product's approval document; an imported
 * product's import documents — the rule PRODUCT_IMPORT_DOCS_MISSING, a check of its own naming the rule.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { CUSTOMER_LICENSE_KIND, AGENT_ROLE } from '../../../schema/enums';
import { registry } from '../../../schema/resources';
import { missingImportDocs, PRODUCT_IMPORT_DOCS_MISSING, ruleMeta } from '../../../schema/rules';
import { customerAgents, customerLicenses } from '../../../schema/tables';
import type { Db } from '../../db';
import type { Row } from '../records';
import { text, type Check } from '../workflows/first-business/check';
import { attachmentRows, kindLabel, requiredFor, slotsOf } from './slots';

interface Gap {
  zh: string;
  en: string;
}

/** For each record: the required kinds (not a rule's) it has no current scan of. */
async function gaps(db: Db, resourceName: string, rows: Row[], name: (r: Row) => Gap): Promise<Gap[]> {
  const resource = registry.get(resourceName)!;
  const kinds = new Map<number, Set<string>>();
  for (const a of await attachmentRows(
    db,
    resourceName,
    rows.map((r) => r.id),
    true,
  )) {
    const id = Number(a.record_id);
    if (!kinds.has(id)) kinds.set(id, new Set());
    kinds.get(id)!.add(String(a.kind));
  }
  const out: Gap[] = [];
  for (const r of rows) {
    const missing = slotsOf(resource).filter((s) => !s.rule && requiredFor(s, r) && !kinds.get(r.id)?.has(s.kind));
    if (!missing.length) continue;
    const n = name(r);
    out.push({
      zh: `${n.zh}：缺少${missing.map((s) => kindLabel(s.kind, 'zh')).join('、')}`,
      en: `${n.en}: no ${missing.map((s) => kindLabel(s.kind, 'en').toLowerCase()).join(', ')}`,
    });
  }
  return out;
}

function scanCheck(label: Gap, source: string, found: Gap[], fields: string[], okZh: string, okEn: string): Check {
  return {
    key: 'scans',
    label: text(label.zh, label.en),
    blocking: true,
    source,
    fields,
    ...(found.length
      ? {
          status: 'fail',
          detail: text(
            `${found.map((g) => g.zh).join('；')}。请上传扫描件（PDF、JPEG 或 PNG）`,
            `${found.map((g) => g.en).join('; ')}. Upload the scans (PDF, JPEG or PNG)`,
          ),
        }
      : { status: 'pass', detail: text(okZh, okEn) }),
  };
}

export async function customerScanChecks(db: Db, customer: Row): Promise<Check[]> {
  const live = async <T extends typeof customerLicenses | typeof customerAgents>(t: T) =>
    (await db
      .select()
      .from(t)
      .where(and(eq(t.customer, customer.id), isNull(t.voided_at)))
      .all()) as Row[];
  const licences = await live(customerLicenses);
  const agents = await live(customerAgents);
  const found = [
    ...(await gaps(db, 'customer_licenses', licences, (l) => {
      const k = CUSTOMER_LICENSE_KIND.labels[l.kind as keyof typeof CUSTOMER_LICENSE_KIND.labels] ?? [String(l.kind), String(l.kind)];
      return { zh: `${k[0]} ${l.number ?? ''}`, en: `${k[1]} ${l.number ?? ''}` };
    })),
    ...(await gaps(db, 'customer_agents', agents, (a) => {
      const r = AGENT_ROLE.labels[a.role as keyof typeof AGENT_ROLE.labels] ?? [String(a.role), String(a.role)];
      return { zh: `${a.name}（${r[0]}）`, en: `${a.name} (${r[1]})` };
    })),
  ];
  return [
    scanCheck(
      { zh: '证照及委托书扫描件', en: 'Scans of licences and powers of attorney' },
      '第二篇 3.9; 第五篇 2.1; 第四篇 一.3',
      found,
      ['attachments'],
      `${licences.length} 份证照均有扫描件${agents.some((a) => a.role === 'purchaser') ? '，采购人员委托书及身份证复印件已存档' : ''}`,
      `All ${licences.length} licences scanned${agents.some((a) => a.role === 'purchaser') ? "; purchasers' powers of attorney and ID copies on file" : ''}`,
    ),
  ];
}

export async function productScanChecks(db: Db, product: Row): Promise<Check[]> {
  const checks = [
    scanCheck(
      { zh: '批准证明文件扫描件', en: 'Scan of the approval document' },
      '第二篇 3.6.2; 第四篇 一.3',
      await gaps(db, 'products', [product], () => ({ zh: '本品种', en: 'This product' })),
      ['attachments'],
      '批准证明文件已存档',
      'Approval document on file',
    ),
  ];
  if (product.imported) {
    const kinds = new Set((await attachmentRows(db, 'products', [product.id], true)).map((a) => String(a.kind)));
    const missing = missingImportDocs({ imported: true }, kinds);
    const meta = ruleMeta(PRODUCT_IMPORT_DOCS_MISSING)!;
    checks.push({
      key: 'import_docs',
      label: text('进口药品证明文件', 'Import documents'),
      blocking: true,
      source: meta.source,
      fields: ['attachments'],
      ...(missing.length
        ? {
            status: 'fail',
            detail: text(
              `[${meta.code}] 进口品种缺少${missing.map((m) => m.zh).join('、')}扫描件，不得通过首营审核`,
              `[${meta.code}] Imported product without a scan of its ${missing.map((m) => m.en.toLowerCase()).join(' and ')}: it cannot be approved`,
            ),
          }
        : { status: 'pass', detail: text('进口药品注册证及通关单已存档', 'Import licence and customs clearance on file') }),
    });
  }
  return checks;
}
