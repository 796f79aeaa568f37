/** Messages between the import thread and an XLSX reader thread (sheet-thread.ts ⇄ sheet-worker.ts). */
import type { SheetRow } from '../../schema/files/cells';
import type { FileErrorCode } from '../../schema/files/errors';
import type { ReaderLimits } from './limits';
import type { Inflater } from './zip';

export interface SheetJob {
  file: string;
  /** 0-based sheet index, as the import thread resolved it */
  sheet: number;
  limits: ReaderLimits;
  inflater?: Inflater;
  /** rows per message */
  batchRows: number;
  /** messages the reader may send ahead of the import thread */
  window: number;
}

export type SheetMessage =
  | { t: 'rows'; rows: SheetRow[] }
  | { t: 'end' }
  | { t: 'error'; fileError?: { code: FileErrorCode; params: Record<string, string | number> }; message: string; stack?: string };

/** the import thread has taken `n` more messages */
export interface SheetAck {
  n: number;
}
