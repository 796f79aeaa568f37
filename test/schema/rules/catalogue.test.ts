/**
 * The catalogue in code equals RULES.md: same codes in the same order, severities, sources and sections,
 * and the `{threshold = default}` settings. Also: the compliant fixture world raises no finding at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, RECORD_KINDS, RULES, RULE_SETTING_DEFAULTS, evaluate, rulesFor, type Section } from '../../../schema/rules';
import { AS_OF, P, ctxOf, sell, world } from './fixtures';
import { SHARED } from '../../helpers/shared';

const CANDIDATES = [
  process.env.GSP_RULES_MD,
  path.resolve(__dirname, '../../../RULES.md'),
  path.resolve(__dirname, '../../../docs/RULES.md'),
  path.join(SHARED, 'RULES.md'),
].filter((p): p is string => !!p);
const rulesMd = CANDIDATES.find((p) => fs.existsSync(p));

const SECTION_OF: Record<string, Section> = {
  Buyer: 'buyer',
  'Seller and salesperson': 'seller',
  'Product and batch': 'product',
  'The sales record itself': 'record',
  Price: 'price',
  Contract: 'contract',
  'Special-control drugs': 'special',
  'Fulfilment and finance': 'fulfilment',
  'After-sales': 'aftersales',
};

interface MdRule {
  code: string;
  severity: string;
  source: string;
  section: Section | undefined;
}
function parseRulesMd(text: string): MdRule[] {
  const out: MdRule[] = [];
  let section: Section | undefined;
  for (const line of text.split('\n')) {
    const h = /^##\s+(.+?)\s*(\(.*\))?\s*$/.exec(line);
    if (h) section = SECTION_OF[h[1].trim()];
    if (!/^\|\s*[A-Z][A-Z_]+\s*\|/.test(line)) continue;
    // cells are separated by unescaped pipes; `\|` inside a cell is a literal pipe
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    out.push({ code: cells[0], severity: cells[1], source: cells[3].replace(/\*/g, '').trim(), section });
  }
  return out;
}

describe('catalogue vs RULES.md', () => {
  it('finds RULES.md', () => {
    expect(rulesMd, `RULES.md not found in ${CANDIDATES.join(', ')}`).toBeDefined();
  });
  const md = rulesMd ? parseRulesMd(fs.readFileSync(rulesMd, 'utf8')) : [];

  it('has the same codes, in the same order', () => {
    expect(md.length).toBe(51);
    expect(CATALOGUE.map((r) => r.code)).toEqual(md.map((r) => r.code));
    expect(new Set(RULES.map((r) => r.code))).toEqual(new Set(md.map((r) => r.code)));
  });

  it('has the same severity, source and section for every code', () => {
    const byCode = new Map(md.map((r) => [r.code, r]));
    for (const rule of RULES) {
      const m = byCode.get(rule.code)!;
      expect({ code: rule.code, severity: rule.severity, source: rule.source, section: rule.section }).toEqual({
        code: m.code,
        severity: m.severity,
        source: m.source,
        section: m.section,
      });
    }
  });

  it('has every {threshold = default} as a setting with that default', () => {
    const text = rulesMd ? fs.readFileSync(rulesMd, 'utf8') : '';
    const thresholds = [...text.matchAll(/\{(\w+)\s*=\s*(\d+)\}/g)].map((m) => [m[1], Number(m[2])] as const);
    expect(thresholds.length).toBe(8);
    for (const [key, value] of thresholds) expect(RULE_SETTING_DEFAULTS[key as keyof typeof RULE_SETTING_DEFAULTS], key).toBe(value);
    expect(RULE_SETTING_DEFAULTS.licenseExpiryWarningDays).toEqual([30, 60, 90]);
  });

  it('marks exactly the time-driven rules periodic', () => {
    expect(
      RULES.filter((r) => r.periodic)
        .map((r) => r.code)
        .sort(),
    ).toEqual([
      'ADR_NOT_FORWARDED',
      'COMPLAINT_OVERDUE',
      'CORRECTIVE_ACTION_OVERDUE',
      'FOLLOW_UP_OVERDUE',
      'NONCONFORMING_SOLD_NOT_NOTIFIED',
      'PAYMENT_OVERDUE',
      'QUALITY_FEEDBACK_UNHANDLED',
      'RECALL_NOT_NOTIFIED',
      'RECEIPT_UNCONFIRMED',
      'SERVICE_PROMISE_OVERDUE',
      'SERVICE_VISIT_MISSING',
      'SPECIAL_ARRIVAL_UNCONFIRMED',
      'SUPPLIER_AGREEMENT_EXPIRED',
    ]);
    // what the re-check evaluates: the periodic rules and DATE_INCONSISTENT (a date after as-of), declared once
    expect(
      RULES.filter((r) => r.periodic || r.timeDriven)
        .map((r) => r.code)
        .sort(),
    ).toEqual([
      'ADR_NOT_FORWARDED',
      'COMPLAINT_OVERDUE',
      'CORRECTIVE_ACTION_OVERDUE',
      'DATE_INCONSISTENT',
      'FOLLOW_UP_OVERDUE',
      'NONCONFORMING_SOLD_NOT_NOTIFIED',
      'PAYMENT_OVERDUE',
      'QUALITY_FEEDBACK_UNHANDLED',
      'RECALL_NOT_NOTIFIED',
      'RECEIPT_UNCONFIRMED',
      'SERVICE_PROMISE_OVERDUE',
      'SERVICE_VISIT_MISSING',
      'SPECIAL_ARRIVAL_UNCONFIRMED',
      'SUPPLIER_AGREEMENT_EXPIRED',
    ]);
    expect(rulesFor('sales_lines', { timeDriven: true }).map((r) => r.code)).toEqual(['DATE_INCONSISTENT']);
  });

  it('gives every rule a record kind, a title and a check', () => {
    for (const r of RULES) {
      // an event rule is raised by a step on its record (PRODUCT_IMPORT_DOCS_MISSING: the product's approval), not evaluated
      if (r.event) expect([...RECORD_KINDS, 'products']).toContain(r.appliesTo);
      else expect(RECORD_KINDS).toContain(r.appliesTo);
      expect(r.title.zh && r.title.en).toBeTruthy();
      expect(typeof r.check).toBe('function');
    }
    expect(rulesFor('sales_lines').length).toBeGreaterThan(20);
    expect(
      rulesFor('outbound_slips')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['COLD_CHAIN_DELIVERY_UNRECORDED', 'OUTBOUND_NOT_REVIEWED', 'RECEIPT_UNCONFIRMED', 'SPECIAL_ARRIVAL_UNCONFIRMED']);
    expect(rulesFor('outbound_slips', { periodic: false }).map((r) => r.code)).toEqual(['OUTBOUND_NOT_REVIEWED', 'COLD_CHAIN_DELIVERY_UNRECORDED']);
  });
});

describe('the compliant fixture world', () => {
  it.each(Object.entries(P).filter(([k]) => k !== 'vaccine'))('raises nothing on a sale of the %s product', (_name, product) => {
    const w = world();
    if (product !== P.drug) sell(w, product, 10);
    const ctx = ctxOf(w);
    expect(evaluate('sales_lines', w.line, ctx).map((f) => f.message.zh)).toEqual([]);
    expect(evaluate('outbound_slips', w.slip, ctx)).toEqual([]);
    expect(evaluate('invoices', w.invoice, ctx)).toEqual([]);
    expect(evaluate('contracts', w.contract, ctx)).toEqual([]);
  });

  it('raises nothing on handled after-sales records', () => {
    const w = world();
    w.recalls.push({ id: 1, recall_no: 'ZH-1', product: P.drug, batches: ['B001'], started_at: '2024-06-01' });
    const ctx = ctxOf(w);
    expect(
      evaluate(
        'complaints',
        { complaint_no: 'TS-1', customer: 1, received_at: '2024-06-01', investigation: '已调查', measures: '退换', feedback_at: '2024-06-10' },
        ctx,
      ),
    ).toEqual([]);
    expect(evaluate('customers', { ...w.customers[0], service_point: true, visits: [{ visit_date: '2024-05-20', kind: 'scheduled' }] }, ctx)).toEqual([]);
    expect(evaluate('recall_notices', { recall: 1, customer: 1, quantity_sold: 10, notified_at: '2024-06-02' }, ctx)).toEqual([]);
    expect(evaluate('adverse_reactions', { product: P.drug, received_at: '2024-06-01', forwarded_to_qa_at: '2024-06-03' }, ctx)).toEqual([]);
    expect(evaluate('quality_feedback', { form_no: 'FK-1', created_at: '2024-06-25T02:00:00Z', reported_at: null }, ctx)).toEqual([]);
    expect(ctx.asOf).toBe(AS_OF);
  });
});
