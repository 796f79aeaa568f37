/** The wizard's mapping step and report helpers: columns from the server's match and the browser's rows, the preset sent back, findings per rule. */
import { describe, expect, it } from 'vitest';
import type { ImportReport, ReportFinding } from '../../web/src/imports/api';
import {
  autoChoice,
  dataRows,
  duplicateFields,
  findingsPerRule,
  groupFindings,
  mappingColumns,
  mappingIgnored,
  missingRequired,
  presetOf,
  rowProblems,
} from '../../web/src/imports/mapping';
import type { Peek } from '../../web/src/imports/peek';

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  import: { id: null, kind: 'sales-ledger', file: 'x.csv', sha256: 'abc', format: 'csv', encoding: 'gb18030', sheet: null, headerRow: 2, dryRun: true },
  mapping: { 销售单号: 'order_no', 日期: 'sale_date', '备注 (D)': 'remark' },
  unmapped: ['备注2', '备注 (E)'],
  counts: { rows: 3, imported: 2, rejected: 1, duplicates: 0 },
  findings: [],
  rejected: [],
  ...over,
});

const peek: Peek = {
  format: 'csv',
  sheets: [{ name: '', state: 'visible' }],
  sheet: null,
  encoding: 'gb18030',
  rows: [
    { row: 1, cells: ['湖北某医药 销售记录'] },
    { row: 2, cells: ['销售单号', '日期', '备注2', '备注', '备注', ''] },
    { row: 3, cells: ['XS1', '2024-06-29', '', '急', ''] },
    { row: 4, cells: ['合计', '', '', '', ''] },
    { row: 5, cells: ['XS2', '2024/7/1', 'x'] },
  ],
};

describe('mapping step', () => {
  it('lists the file columns in order with letters, the auto-match and samples (repeated headers get their letter)', () => {
    const cols = mappingColumns(report({ skipped: [{ row: 4, reason: 'footer' }] }), peek);
    expect(cols.map((c) => [c.column, c.header, c.auto])).toEqual([
      ['A', '销售单号', 'order_no'],
      ['B', '日期', 'sale_date'],
      ['C', '备注2', null],
      ['D', '备注 (D)', 'remark'],
      ['E', '备注 (E)', null],
    ]);
    expect(cols[0].samples).toEqual(['XS1', 'XS2']);
    expect(cols[2].samples).toEqual(['x']);
  });

  it('falls back to the report order when the browser could not read the same header', () => {
    const cols = mappingColumns(report(), null);
    expect(cols.map((c) => c.header)).toEqual(['销售单号', '日期', '备注 (D)', '备注2', '备注 (E)']);
    expect(cols.every((c) => c.samples.length === 0)).toBe(true);
    // another sheet than the server's
    const other = mappingColumns(report({ import: { ...report().import, format: 'xlsx', sheet: 'A' } }), { ...peek, format: 'xlsx', sheet: 'B' });
    expect(other.map((c) => c.index)).toEqual([null, null, null, null, null]);
  });

  it('sends no preset while the automatic mapping stands, the whole mapping once a column changes', () => {
    const cols = mappingColumns(report(), peek);
    const auto = autoChoice(cols);
    expect(presetOf(cols, auto)).toBeNull();
    const changed = { ...auto, 备注2: 'remark', '备注 (D)': null };
    expect(presetOf(cols, changed)).toEqual({ 销售单号: 'order_no', 日期: 'sale_date', 备注2: 'remark', '备注 (D)': null, '备注 (E)': null });
  });

  it('finds fields chosen twice and required fields without a column (a reference key field covers its reference)', () => {
    expect(duplicateFields({ a: 'x', b: 'x', c: 'y', d: null })).toEqual(['x']);
    expect(missingRequired(['product', 'batch_no', 'status'], { 批准文号: 'product.approval_no', 批号: 'batch_no' })).toEqual(['status']);
  });

  it('notices a server that did not apply the preset', () => {
    const r = report();
    expect(mappingIgnored(r, null)).toBe(false);
    expect(mappingIgnored(r, { 销售单号: 'order_no', 备注2: null })).toBe(false);
    expect(mappingIgnored(r, { 备注2: 'remark' })).toBe(true);
    expect(mappingIgnored(r, { 日期: null })).toBe(true);
  });

  it('takes the data rows below the header, without skipped footers', () => {
    expect(dataRows(peek, 2, [{ row: 4 }]).map((r) => r.row)).toEqual([3, 5]);
  });
});

describe('report helpers', () => {
  const f = (row: number, rule: string, severity: 'error' | 'warning' = 'error'): ReportFinding => ({
    row,
    rule,
    severity,
    fields: [],
    message: `${rule}@${row}`,
  });

  it('group findings per rule: errors first, then by count; rows counted once', () => {
    const groups = groupFindings([f(2, 'B'), f(2, 'W', 'warning'), f(3, 'W', 'warning'), f(4, 'W', 'warning'), f(5, 'A'), f(5, 'A'), f(6, 'A')]);
    expect(groups.map((g) => [g.rule, g.severity, g.count, g.rows])).toEqual([
      ['A', 'error', 3, [5, 6]],
      ['B', 'error', 1, [2]],
      ['W', 'warning', 3, [2, 3, 4]],
    ]);
    expect(groups[0].examples.map((e) => e.message)).toEqual(['A@5', 'A@5', 'A@6']);
  });

  it("findings per rule come from the server's totals over the whole file, not from the capped list", () => {
    const listed = [f(2, 'A'), f(3, 'W', 'warning')];
    const totals = {
      findings: {
        total: 4200,
        listed: 2,
        rows: 3100,
        bySeverity: { error: 3000, warning: 1200 },
        byRule: [
          { rule: 'A', severity: 'error' as const, findings: 3000, rows: 2900 },
          { rule: 'W', severity: 'warning' as const, findings: 1000, rows: 900 },
          { rule: 'Z', severity: 'warning' as const, findings: 200, rows: 200 },
        ],
      },
      rejected: { total: 0, listed: 0 },
    };
    const rules = findingsPerRule({ findings: listed, totals });
    expect(rules.map((r) => [r.rule, r.findings, r.rows, r.example?.message])).toEqual([
      ['A', 3000, 2900, 'A@2'],
      ['W', 1000, 900, 'W@3'],
      ['Z', 200, 200, undefined],
    ]);
    // an older report without totals: counted from its list
    expect(findingsPerRule({ findings: [f(5, 'A'), f(5, 'A'), f(6, 'A')] }).map((r) => [r.rule, r.findings, r.rows])).toEqual([['A', 3, 2]]);
  });

  it('list the problems of each row', () => {
    const r = report({ findings: [f(3, 'X'), f(3, 'X'), f(5, 'Y')], rejected: [{ row: 3, errors: [{ field: '数量', message: '应为数字：abc' }] }] });
    const p = rowProblems(r);
    expect(p.get(3)).toEqual({ rejected: ['数量：应为数字：abc'], rules: ['X'] });
    expect(p.get(5)).toEqual({ rejected: [], rules: ['Y'] });
  });
});
