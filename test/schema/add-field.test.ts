/**
 * Acceptance of issue #15: adding one field to a resource's definition changes the API, the screens, the
 * export, the import template, every import's header aliases and — once the ledger declares that it carries
 * the field (one line in schema/ledger.ts, no names) — the ledger mapping. Done for real in a temporary copy
 * of the sources: a field 产地 (aliases 原产地, 产地名称) added to products, then to the ledger; the same probe
 * (add-field/probe.ts, nothing in it names a field) runs in the repository and in the copy.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { FieldSpec, ResourceTable, RowOf } from '../../schema/define';
import type { ProductRow } from '../../schema/rules';

const ROOT = path.resolve(__dirname, '../..');
const FIELD = "    origin: f.text('产地/原产地/产地名称', 'Origin'),\n";
const LEDGER_LINE = "  { key: 'origin', field: 'products.origin' },\n";

type Probe = {
  columns: string[];
  accepted: string[];
  screen: string[];
  exportHeaders: string[];
  template: string[];
  ledgerTemplate: string[];
  aliases: Record<string, Record<string, string>>;
  ledger: Array<{ key: string; field: string; names: string[] }>;
  ledgerMeta: string[];
  staged: string[] | null;
};

function probe(root: string): Probe {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  return JSON.parse(execFileSync(tsx, ['test/schema/add-field/probe.ts', 'products', 'origin', '山东'], { cwd: root, encoding: 'utf8' }));
}

function insertAfter(file: string, anchor: string, text: string) {
  const src = fs.readFileSync(file, 'utf8');
  expect(src.includes(anchor), `${file}: ${anchor}`).toBe(true);
  fs.writeFileSync(file, src.replace(anchor, anchor + text));
}

/** the entries of `after` that `before` lacks */
const added = (before: Record<string, string>, after: Record<string, string>) => Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));

describe('adding one field to a resource', () => {
  let copy: string;
  let before: Probe;
  let withField: Probe;
  let withLedger: Probe;

  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-add-field-'));
    for (const d of ['schema', 'imports', 'server', 'test/schema/add-field']) fs.cpSync(path.join(ROOT, d), path.join(copy, d), { recursive: true });
    for (const f of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(copy, 'node_modules'));
    before = probe(ROOT);
    insertAfter(path.join(copy, 'schema/tables/products.ts'), "    imported: f.bool('进口', 'Imported'),\n", FIELD);
    withField = probe(copy);
    insertAfter(path.join(copy, 'schema/ledger.ts'), "  { key: 'approval_no', field: 'products.approval_no' },\n", LEDGER_LINE);
    withLedger = probe(copy);
  }, 120_000);
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  it('the table and the API: a column, accepted on write', () => {
    expect(withField.columns.filter((c) => !before.columns.includes(c))).toEqual(['origin']);
    expect(before.accepted).toEqual([]);
    expect(withField.accepted).toEqual(['origin']);
  });

  it('the screens and the export: the field, labelled 产地', () => {
    expect(withField.screen.filter((c) => !before.screen.includes(c))).toEqual(['origin']);
    expect(withField.exportHeaders.filter((c) => !before.exportHeaders.includes(c))).toEqual(['产地']);
  });

  it("the import template: a 产地 column; every import's aliases: 产地, 原产地, 产地名称 and Origin where products are imported", () => {
    expect(withField.template.filter((c) => !before.template.includes(c))).toEqual(['产地']);
    const gained = Object.fromEntries(Object.keys(withField.aliases).map((k) => [k, added(before.aliases[k], withField.aliases[k])]));
    expect(gained.products).toEqual({ 产地: 'origin', 原产地: 'origin', 产地名称: 'origin', origin: 'origin' });
    for (const [kind, names] of Object.entries(gained)) if (kind !== 'products') expect(names, kind).toEqual({});
  });

  it('the ledger: one line declaring it carries the field gives the column its headers, template and staging column', () => {
    expect(withField.ledger).toEqual(before.ledger);
    const col = withLedger.ledger.find((c) => c.key === 'origin');
    expect(col).toEqual({ key: 'origin', field: 'products.origin', names: ['产地', '原产地', '产地名称'] });
    expect(added(before.aliases['sales-ledger'], withLedger.aliases['sales-ledger'])).toEqual({
      产地: 'origin',
      原产地: 'origin',
      产地名称: 'origin',
      origin: 'origin',
    });
    expect(withLedger.ledgerTemplate.filter((c) => !before.ledgerTemplate.includes(c))).toEqual(['产地']);
    expect(withLedger.ledgerMeta.filter((c) => !before.ledgerMeta.includes(c))).toEqual(['origin']);
    // a pending product created from a ledger row keeps it
    expect(withLedger.staged!.filter((c) => !before.staged!.includes(c))).toEqual(['origin']);
  });

  it('the rule row type: inferred from the definition, so a field added there is in it', () => {
    expectTypeOf<ProductRow>().toHaveProperty('manufacturer');
    type WithOrigin = RowOf<ResourceTable<{ origin: FieldSpec<'text'>; code: FieldSpec<'text'> & { required: true } }>>;
    expectTypeOf<WithOrigin['origin']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<WithOrigin['code']>().toEqualTypeOf<string>();
  });
});
