/**
 * PRODUCT_IMPORT_DOCS_MISSING (第二篇 3.6.3; 第四篇 一.3): an imported product (进口) is approved only with
 * its import documents on file — the scans of its 进口药品注册证 and 进口药品通关单 (the product's attachment
 * slots carrying this rule, schema/tables/products.ts). QA's first-variety approval refuses while one is
 * missing (the 首营 checklist shows it as a failed check naming the rule), so it is an event of that step,
 * not evaluated on a view.
 */
import { ATTACHMENT_KIND } from '../tables/attachments';
import type { I18nText, Rule } from './types';

export const PRODUCT_IMPORT_DOCS_MISSING = 'PRODUCT_IMPORT_DOCS_MISSING';
const IMPORT_DOC_KINDS = ['import_registration', 'customs_clearance'] as const;

/** The import documents an imported product lacks, given the kinds of its current scans (empty: none missing). */
export function missingImportDocs(p: { imported?: boolean | null }, kinds: ReadonlySet<string>): I18nText[] {
  if (!p.imported) return [];
  return IMPORT_DOC_KINDS.filter((k) => !kinds.has(k)).map((k) => ({ zh: ATTACHMENT_KIND.labels[k][0], en: ATTACHMENT_KIND.labels[k][1] }));
}

export const importDocRules: Rule[] = [
  {
    code: PRODUCT_IMPORT_DOCS_MISSING,
    severity: 'error',
    source: '第二篇 3.6.3; 第四篇 一.3',
    section: 'product',
    appliesTo: 'products',
    title: { zh: '进口品种缺少进口药品证明文件', en: 'Imported product without its import documents' },
    event: true,
    check: () => [],
  },
];
