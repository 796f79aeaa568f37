/**
 * CSV/TXT reader: bytes → text with our own streaming TextDecoder (a character split across chunks
 * survives), text → records with papaparse's parser fed chunk by chunk with the partial last record
 * carried over (papaparse decides where a quoted field ends, so quoted line breaks stay in their cell).
 * No dynamic typing: every cell is text (`00123` stays `00123`); empty cells are null.
 */
import Papa from 'papaparse';
import { detectDelimiter, detectNewline, type Delimiter } from '../../schema/files/delimiter';
import type { Cell, SheetRow } from '../../schema/files/cells';
import type { EncodingInfo } from '../../schema/files/text-encoding';
import { createTextDecoder, detectEncoding } from './encoding';
import { ImportFileError } from '../../schema/files/errors';
import { resolveLimits, type ReaderLimits } from './limits';
import { READ_CHUNK, readChunks, type ByteSource } from './source';

/** bytes decoded and parsed at a time */
export const PARSE_CHUNK = 64 * 1024;

export interface CsvOptions {
  limits?: Partial<ReaderLimits>;
  /** skip detection (tests, or a user's explicit choice) */
  encoding?: EncodingInfo;
  delimiter?: Delimiter;
  chunkBytes?: number;
}

export interface CsvFile {
  readonly format: 'csv';
  readonly encoding: EncodingInfo;
  readonly delimiter: Delimiter;
  /** every record with a non-empty cell, in order; row numbers count empty records too */
  rows(): AsyncGenerator<SheetRow>;
  /** the same rows, a chunk's worth at a time (cheaper per row than rows()) */
  batches(): AsyncGenerator<SheetRow[]>;
}

/** Papaparse's record array becomes the row's cells in place: '' → null, a trailing CR dropped. */
function toCells(record: string[], stripCr: boolean): Cell[] {
  const cells = record as Cell[];
  const last = record.length - 1;
  if (stripCr) {
    const v = record[last];
    if (v.length && v.charCodeAt(v.length - 1) === 13) record[last] = v.slice(0, -1);
  }
  for (let i = 0; i <= last; i++) if (record[i] === '') cells[i] = null;
  return cells;
}

function isEmptyRecord(record: string[]): boolean {
  return record.length === 1 && (record[0] === '' || record[0] === '\r');
}

/** Detects encoding (one fast pass over the file) and delimiter; rows() then streams. */
export async function openCsv(src: ByteSource, opts: CsvOptions = {}): Promise<CsvFile> {
  const limits = resolveLimits(opts.limits);
  const encoding = opts.encoding ?? (await detectEncoding(src));
  const chunkBytes = opts.chunkBytes ?? PARSE_CHUNK;
  const sampleBytes = await src.read(0, Math.min(src.size, 256 * 1024));
  let sample: string;
  try {
    sample = new TextDecoder(encoding.name).decode(
      sampleBytes.subarray(0, sampleBytes.length - (encoding.name.startsWith('utf-16') ? sampleBytes.length % 2 : 0)),
    );
  } catch {
    sample = '';
  }
  const delimiter = opts.delimiter ?? detectDelimiter(sample);
  const newline = detectNewline(sample);
  const stripCr = newline === '\n';

  async function* batches(): AsyncGenerator<SheetRow[]> {
    const decode = createTextDecoder(encoding);
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    let partial = '';
    let rowNo = 0;
    const decodeOrFail = (chunk: Uint8Array, final: boolean): string => {
      try {
        return decode(chunk, final);
      } catch {
        throw new ImportFileError('bad_encoding', { row: rowNo + 1 });
      }
    };
    const parse = (text: string, final: boolean): SheetRow[] => {
      const out: SheetRow[] = [];
      const input = partial + text;
      const res = parser.parse(input, 0, !final) as Papa.ParseResult<string[]>;
      partial = final ? '' : input.substring(res.meta.cursor);
      if (partial.length > limits.maxRecordChars) {
        throw new ImportFileError('corrupt', {
          detail: `第 ${rowNo + res.data.length + 1} 行起引号不配对，一条记录超过 ${limits.maxRecordChars} 个字符`,
          detail_en: `unbalanced quotes from row ${rowNo + res.data.length + 1}: one record exceeds ${limits.maxRecordChars} characters`,
        });
      }
      for (const record of res.data) {
        rowNo++;
        if (isEmptyRecord(record)) continue;
        if (record.length > limits.maxColumns) {
          throw new ImportFileError('corrupt', {
            detail: `第 ${rowNo} 行列数过多（${record.length}）`,
            detail_en: `row ${rowNo} has too many columns (${record.length})`,
          });
        }
        out.push({ row: rowNo, cells: toCells(record, stripCr) });
      }
      return out;
    };
    // Read in large blocks, decode and parse in small slices: the rows of a slice are consumed before the
    // next garbage collection of the young generation, so they die young (about twice as fast at 1M rows).
    for await (const block of readChunks(src, 0, src.size, Math.max(chunkBytes, READ_CHUNK))) {
      for (let i = 0; i < block.length; i += chunkBytes) {
        const text = decodeOrFail(block.subarray(i, i + chunkBytes), false);
        if (!text) continue;
        const out = parse(text, false);
        if (out.length) yield out;
      }
    }
    const out = parse(decodeOrFail(new Uint8Array(0), true), true);
    if (out.length) yield out;
  }

  async function* rows(): AsyncGenerator<SheetRow> {
    for await (const batch of batches()) yield* batch;
  }

  return { format: 'csv', encoding, delimiter, rows, batches };
}
