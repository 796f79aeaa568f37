/**
 * Live progress of one import, for the wizard's bar (NDJSON lines of POST /api/imports) and any caller of
 * runImport: the phase (reading → checking → merging → done), the rows read, and — for CSV, where the
 * reader streams the file front to back — the bytes read of the file's size. Row ticks are throttled: an
 * event every PROGRESS_ROWS rows or PROGRESS_MS milliseconds, whichever comes first; phase changes at once.
 */
import type { ByteSource } from '../readers/source';

export type ImportPhase = 'reading' | 'checking' | 'merging' | 'done';

export interface ImportProgressEvent {
  phase: ImportPhase;
  /** data rows read so far (never decreases) */
  rows: number;
  /** bytes of the file read so far (CSV only) */
  bytes?: number;
  totalBytes?: number;
}

/** May return a promise: a phase change waits for it (the HTTP route flushes the line before a long merge). */
export type ProgressCallback = (p: ImportProgressEvent) => void | Promise<void>;

export const PROGRESS_ROWS = 1000;
export const PROGRESS_MS = 250;

/** A ByteSource that remembers where its last read ended: a sequential reader's position in the file. */
export function positionedSource(src: ByteSource): ByteSource & { readonly position: number } {
  let position = 0;
  return {
    get size() {
      return src.size;
    },
    get name() {
      return src.name;
    },
    get position() {
      return position;
    },
    async read(offset, length) {
      const b = await src.read(offset, length);
      position = offset + b.length;
      return b;
    },
    close: () => src.close(),
  };
}

export class Progress {
  private phaseNow: ImportPhase = 'reading';
  private lastRows = 0;
  private lastAt = 0;
  private bytes: (() => number) | null = null;
  private totalBytes: number | undefined;

  constructor(private readonly cb?: ProgressCallback) {}

  /** From now on, events carry the source's position (a CSV being streamed) out of its size. */
  trackBytes(src: { readonly position: number; readonly size: number }): void {
    this.bytes = () => Math.min(src.position, src.size);
    this.totalBytes = src.size;
  }

  private emit(rows: number): void | Promise<void> {
    this.lastRows = rows;
    this.lastAt = performance.now();
    if (!this.cb) return;
    const e: ImportProgressEvent = { phase: this.phaseNow, rows };
    if (this.bytes && this.totalBytes !== undefined) {
      // bytes stop growing once reading is over: the whole file has been read
      e.bytes = this.phaseNow === 'reading' ? this.bytes() : this.totalBytes;
      e.totalBytes = this.totalBytes;
    }
    // a reader that went away (a closed response) must not fail the import
    try {
      return Promise.resolve(this.cb(e)).catch(() => undefined);
    } catch {
      return undefined;
    }
  }

  /** Rows so far; emits when PROGRESS_ROWS more were read or PROGRESS_MS passed (the clock is read every 64 rows). */
  rows(n: number): void {
    if (!this.cb) return;
    if (n - this.lastRows >= PROGRESS_ROWS || ((n & 63) === 0 && performance.now() - this.lastAt >= PROGRESS_MS)) void this.emit(n);
  }

  /** A new phase (always emitted, with the rows so far); awaiting it lets the caller's output flush. */
  async phase(p: ImportPhase, rows = this.lastRows): Promise<void> {
    this.phaseNow = p;
    if (!this.cb) return;
    await this.emit(rows);
    // one turn of the event loop, so a streamed line leaves before a long synchronous step
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
