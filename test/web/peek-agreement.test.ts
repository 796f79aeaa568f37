/**
 * Issue 15 item 5: the wizard's preview in the browser (web/src/imports/peek.ts) and the importer
 * (imports/readers) read a file the same way — the same encoding and delimiter for a CSV, the same rows
 * under the same row numbers, so the header row the importer finds is the row the preview shows — for
 * every sample and every corpora file the importer can read. A file the importer refuses for its
 * encoding gets no preview.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../imports/headers/table';
import { openSpreadsheetFile } from '../../imports/readers/open';
import { cellText, type Cell } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { PEEK_ROWS, peekCsv, peekXlsx } from '../../web/src/imports/peek';
import { CORPORA_DIR, SAMPLES_DIR } from '../helpers/shared';

const CSV_BYTES = 512 * 1024;
const KINDS = ['sales-ledger', 'customers', 'products', 'customer_agents', 'batches', 'salespeople'];

const corpora = fs
  .readdirSync(CORPORA_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(CORPORA_DIR, d.name))
      .filter((f) => /\.(xlsx|csv)$/i.test(f))
      .map((f) => path.join(CORPORA_DIR, d.name, f)),
  );
const samples = fs
  .readdirSync(SAMPLES_DIR)
  .filter((f) => /\.(xlsx|csv)$/i.test(f))
  .map((f) => path.join(SAMPLES_DIR, f));
const text = (cells: readonly Cell[]) => {
  const out = cells.map((c) => (c == null ? '' : cellText(c)));
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
};

async function serverView(file: string) {
  let opened: Awaited<ReturnType<typeof openSpreadsheetFile>> | undefined;
  try {
    opened = await openSpreadsheetFile(file);
    const { book } = opened;
    const sheet = book.sheet();
    const rows: Array<{ row: number; cells: string[] }> = [];
    for await (const batch of sheet.batches()) {
      for (const r of batch) if (rows.length < PEEK_ROWS) rows.push({ row: r.row, cells: text(r.cells) });
      if (rows.length >= PEEK_ROWS) break;
    }
    const headers: Array<{ kind: string; row: number }> = [];
    for (const kind of KINDS) {
      try {
        const t = await openTable(book, kind, { sheet: book.format === 'xlsx' ? sheet.name : undefined });
        headers.push({ kind, row: t.headerRow });
      } catch (e) {
        if (!(e instanceof ImportFileError)) throw e;
      }
    }
    return { ok: true as const, format: book.format, sheet: sheet.name, encoding: book.encoding?.name, delimiter: book.delimiter, rows, headers };
  } catch (e) {
    if (e instanceof ImportFileError) return { ok: false as const, code: e.code };
    throw e;
  } finally {
    await opened?.source.close();
  }
}

function browserView(file: string, sheet: string | null) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  if (/\.xlsx$/i.test(file)) return peekXlsx(bytes, sheet);
  return peekCsv(bytes.subarray(0, CSV_BYTES), bytes.length <= CSV_BYTES);
}

describe('the browser preview and the importer agree', () => {
  let compared = 0;
  let headersCompared = 0;
  for (const file of [...samples, ...corpora]) {
    const name = path.relative(path.dirname(SAMPLES_DIR), file);
    it(name, { timeout: 30_000 }, async () => {
      const server = await serverView(file);
      if (!server.ok) {
        if (server.code === 'bad_encoding') expect(browserView(file, null)).toBeNull();
        return;
      }
      let peek: ReturnType<typeof browserView>;
      try {
        peek = browserView(file, server.format === 'xlsx' ? server.sheet : null);
      } catch {
        peek = null; // the preview may give up on a damaged part; the importer is authoritative
      }
      if (!peek) {
        // only a damaged workbook the importer reads more leniently may lack a preview
        expect(server.format).toBe('xlsx');
        return;
      }
      compared++;
      if (server.format === 'csv') {
        expect(peek.encoding).toBe(server.encoding);
        expect(peek.delimiter).toBe(server.delimiter);
      } else {
        expect(peek.sheet).toBe(server.sheet);
      }
      // the same non-blank rows under the same numbers
      const nonBlank = server.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
      const shown = peek.rows.slice(0, nonBlank.length).map((r) => ({ row: r.row, cells: text(r.cells) }));
      expect(shown).toEqual(nonBlank.slice(0, shown.length));
      // the header row the importer finds is in the preview, with the same cells
      for (const h of server.headers) {
        const inServer = server.rows.find((r) => r.row === h.row);
        if (!inServer) continue; // found below the first PEEK_ROWS rows
        headersCompared++;
        expect(text(peek.rows.find((r) => r.row === h.row)?.cells ?? []), h.kind).toEqual(inServer.cells);
      }
    });
  }
  it('compared enough files', () => {
    expect(compared).toBeGreaterThan(60);
    expect(headersCompared).toBeGreaterThan(10);
  });
});
