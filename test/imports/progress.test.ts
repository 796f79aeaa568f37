/**
 * Import progress (imports/run/progress.ts): phases in order (reading → checking → merging → done), rows read
 * at a fine grain (at most PROGRESS_ROWS apart) and never decreasing, ending at the report's row count; for a
 * CSV the bytes read, never decreasing, ending at the file's size. In-process and as the NDJSON lines of
 * POST /api/imports that the wizard reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_ROWS, type ImportPhase, type ImportProgressEvent } from '../../imports/run/progress';
import type { TestServer } from '../helpers/app';
import { REJECTED_ROW, SAMPLE_ROW, writeLedger } from './generated-ledger';
import { importFile, masterDbFile, sample, startImportServer, tempDb, uploadImport } from './pipeline-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-progress-'));
const ledger = path.join(dir, 'ledger-6000.csv');
const ROWS = 6000;
let size = 0;
let master: string;

beforeAll(async () => {
  size = writeLedger(ledger, ROWS, (i) => (i % 100 === 99 ? REJECTED_ROW : i % 3 ? SAMPLE_ROW[19] : SAMPLE_ROW[4]));
  master = await masterDbFile();
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.dirname(master), { recursive: true, force: true });
});

const ORDER: ImportPhase[] = ['reading', 'checking', 'merging', 'done'];

/** The checks every progress sequence must pass; returns the phases seen. */
function checkProgress(events: ImportProgressEvent[], rows: number, bytes: number | null): ImportPhase[] {
  expect(events.length).toBeGreaterThan(0);
  for (let i = 1; i < events.length; i++) {
    const [a, b] = [events[i - 1], events[i]];
    expect(ORDER.indexOf(b.phase), `${a.phase} → ${b.phase}`).toBeGreaterThanOrEqual(ORDER.indexOf(a.phase));
    expect(b.rows).toBeGreaterThanOrEqual(a.rows);
    if (bytes !== null) expect(b.bytes!).toBeGreaterThanOrEqual(a.bytes!);
  }
  // fine-grained while reading: from 0 to the end, no gap above PROGRESS_ROWS rows
  const reading = [0, ...events.filter((e) => e.phase === 'reading').map((e) => e.rows), rows];
  for (let i = 1; i < reading.length; i++) expect(reading[i] - reading[i - 1], `gap before ${reading[i]}`).toBeLessThanOrEqual(PROGRESS_ROWS);
  const last = events.at(-1)!;
  expect(last.phase).toBe('done');
  expect(last.rows).toBe(rows);
  if (bytes !== null) {
    expect(events.every((e) => e.totalBytes === bytes)).toBe(true);
    expect(last.bytes).toBe(bytes);
    const firstRead = events.find((e) => e.phase === 'reading');
    if (firstRead && rows > 2 * PROGRESS_ROWS) expect(firstRead.bytes!).toBeLessThan(bytes);
  } else {
    expect(events.every((e) => e.bytes === undefined && e.totalBytes === undefined)).toBe(true);
  }
  return [...new Set(events.map((e) => e.phase))];
}

describe('progress in-process', () => {
  it('a CSV ledger: rows and bytes, reading → checking → merging → done', async () => {
    const t = tempDb(master);
    try {
      const events: ImportProgressEvent[] = [];
      const r = await importFile(t.db, ledger, 'sales-ledger', {
        onProgress: (p) => {
          events.push({ ...p });
        },
      });
      expect(r.report.counts.rows).toBe(ROWS);
      expect(r.report.counts.rejected).toBe(ROWS / 100);
      expect(checkProgress(events, ROWS, size)).toEqual(ORDER);
      expect(events.filter((e) => e.phase === 'reading').length).toBeGreaterThanOrEqual(ROWS / PROGRESS_ROWS - 1);
    } finally {
      t.close();
    }
  }, 120_000);

  it('a dry run has no merging phase; an XLSX reports rows only; master data reads then checks', async () => {
    const t = tempDb(master);
    try {
      const dry: ImportProgressEvent[] = [];
      await importFile(t.db, ledger, 'sales-ledger', {
        dryRun: true,
        onProgress: (p) => {
          dry.push({ ...p });
        },
      });
      expect(checkProgress(dry, ROWS, size)).toEqual(['reading', 'checking', 'done']);
      const xlsx: ImportProgressEvent[] = [];
      const r = await importFile(t.db, sample('ledger.xlsx'), 'sales-ledger', {
        onProgress: (p) => {
          xlsx.push({ ...p });
        },
      });
      expect(checkProgress(xlsx, r.report.counts.rows, null)).toEqual(['reading', 'checking', 'merging', 'done']);
      const m: ImportProgressEvent[] = [];
      const products = await importFile(t.db, sample('products.csv'), 'products', {
        force: true,
        onProgress: (p) => {
          m.push({ ...p });
        },
      });
      expect(checkProgress(m, products.report.counts.rows, fs.statSync(sample('products.csv')).size)).toEqual(['checking', 'done']);
    } finally {
      t.close();
    }
  }, 120_000);
});

describe('progress over HTTP (NDJSON)', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    ({ server, cookie } = await startImportServer());
  }, 120_000);
  afterAll(() => server.close());

  it('streams progress lines while the import runs, then the answer', async () => {
    const res = await uploadImport(
      server.url,
      cookie,
      { name: 'ledger-6000.csv', bytes: fs.readFileSync(ledger) },
      { kind: 'sales-ledger' },
      { Accept: 'application/x-ndjson' },
    );
    expect(res.status).toBe(200);
    // read as it arrives: the first progress line comes before the answer is complete
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunksBeforeAnswer = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (!text.includes('"report"')) chunksBeforeAnswer++;
    }
    expect(chunksBeforeAnswer).toBeGreaterThan(0);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const answer = lines.at(-1);
    expect(answer.report.counts).toMatchObject({ rows: ROWS, rejected: ROWS / 100 });
    expect(answer.id).toBeGreaterThan(0);
    expect(checkProgress(lines.slice(0, -1), ROWS, size)).toEqual(ORDER);
  }, 120_000);
});
