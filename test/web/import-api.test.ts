/** The upload client's parsing: the report (bare or wrapped), error messages, NDJSON progress, the multipart fields. */
import { describe, expect, it } from 'vitest';
import { errorMessage, formatSize, formData, importUrls, progressOf, reportOf, splitLines } from '../../web/src/imports/api';
import { progressValue } from '../../web/src/imports/CommitStep';

const bare = {
  import: { id: 3, kind: 'customers', file: 'c.csv', sha256: 'x', format: 'csv', encoding: 'utf-8', sheet: null, headerRow: 1, dryRun: false },
  mapping: {},
  unmapped: [],
  counts: { rows: 1, imported: 1, rejected: 0, duplicates: 0 },
  findings: [],
  rejected: [],
};

describe('import API client', () => {
  it('reads the report bare or as { id, report, truncated }', () => {
    expect(reportOf(bare)?.import.id).toBe(3);
    expect(reportOf({ id: 3, report: bare, truncated: true })).toMatchObject({ import: { id: 3 }, truncated: true });
    expect(reportOf({ message: 'x' })).toBeUndefined();
    expect(reportOf({ ...bare, findings: undefined })?.findings).toEqual([]);
  });

  it("shows the server's message, else the status", () => {
    expect(errorMessage(400, JSON.stringify({ message: '不支持旧版 Excel 97-2003 工作簿（.xls）' }), 'HTTP %{status}')).toBe(
      '不支持旧版 Excel 97-2003 工作簿（.xls）',
    );
    expect(errorMessage(400, JSON.stringify({ errors: { root: { serverError: '根' } } }), 'HTTP %{status}')).toBe('根');
    expect(errorMessage(413, 'Payload Too Large', 'HTTP %{status}')).toBe('Payload Too Large');
    expect(errorMessage(502, '<html>bad gateway</html>', '服务器返回错误（HTTP %{status}）')).toBe('服务器返回错误（HTTP 502）');
  });

  it('reads progress lines of a streamed answer', () => {
    expect(progressOf({ rows: 120 })).toEqual({ rows: 120 });
    expect(progressOf({ type: 'progress', progress: { rows: 7 } })).toEqual({ rows: 7 });
    expect(progressOf({ phase: 'reading', rows: 2000, bytes: 1048576, totalBytes: 9130388 })).toEqual({
      phase: 'reading',
      rows: 2000,
      bytes: 1048576,
      totalBytes: 9130388,
    });
    expect(progressOf({ phase: 'bogus', rows: 5, bytes: 3 })).toEqual({ rows: 5 });
    expect(progressOf(bare)).toBeUndefined();
    expect(progressOf({ message: 'x', status: 400 })).toBeUndefined();
    const text = '{"rows":10}\n{"rows":20}\n{"ro';
    const a = splitLines(text, 0);
    expect(a.lines).toEqual(['{"rows":10}', '{"rows":20}']);
    expect(splitLines(`${text}ws":30}\n`, a.next).lines).toEqual(['{"rows":30}']);
  });

  it('computes the progress bar: upload, then bytes (or rows of the dry run) while reading, then the phases', () => {
    expect(progressValue({ upload: 0.5 }, 100)).toEqual({ value: 50, stage: 'upload' });
    expect(progressValue({ upload: 1 }, 100)).toEqual({ value: null, stage: 'working' });
    // a bare count (an older server): rows of the dry run's count, then writing
    expect(progressValue({ upload: 1, rows: 25 }, 100)).toEqual({ value: 25, stage: 'reading' });
    expect(progressValue({ upload: 1, rows: 100 }, 100)).toEqual({ value: null, stage: 'merging' });
    // bytes of the file win over rows (the dry run's count may be stale)
    expect(progressValue({ upload: 1, phase: 'reading', rows: 10, bytes: 300, totalBytes: 1000 }, 100)).toEqual({ value: 30, stage: 'reading' });
    expect(progressValue({ upload: 1, phase: 'reading', rows: 40 }, 100)).toEqual({ value: 40, stage: 'reading' });
    expect(progressValue({ upload: 1, phase: 'reading', rows: 40 }, 0)).toEqual({ value: null, stage: 'reading' });
    expect(progressValue({ upload: 1, phase: 'checking', rows: 100 }, 100)).toEqual({ value: null, stage: 'checking' });
    expect(progressValue({ upload: 1, phase: 'merging', rows: 100 }, 100)).toEqual({ value: null, stage: 'merging' });
    expect(progressValue({ upload: 1, phase: 'done', rows: 100 }, 100)).toEqual({ value: 100, stage: 'done' });
  });

  it('sends the multipart fields of DESIGN.md', () => {
    const fd = formData({
      file: new File(['a'], '台账.csv'),
      kind: 'sales-ledger',
      dryRun: true,
      sheet: '销售',
      force: true,
      mapping: { 单号: 'order_no', 备注: null },
    });
    expect(fd.get('kind')).toBe('sales-ledger');
    expect(fd.get('dryRun')).toBe('true');
    expect(fd.get('force')).toBe('true');
    expect(fd.get('sheet')).toBe('销售');
    expect(JSON.parse(String(fd.get('mapping')))).toEqual({ 单号: 'order_no', 备注: null });
    expect((fd.get('file') as File).name).toBe('台账.csv');
    const plain = formData({ file: new File(['a'], 'x.csv'), kind: 'customers', dryRun: false });
    expect([...plain.keys()].sort()).toEqual(['file', 'kind']);
  });

  it('builds the download URLs', () => {
    expect(importUrls.template('sales-ledger')).toBe('/api/import-templates/sales-ledger.xlsx');
    expect(importUrls.problems(7)).toBe('/api/imports/7/report.xlsx');
    expect(importUrls.file(7)).toBe('/api/imports/7/file');
    expect(formatSize(1536)).toBe('1.5 KB');
  });
});
