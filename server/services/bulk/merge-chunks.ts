/**
 * The ledger merge writes in many short IMMEDIATE transactions instead of one long one, so that another
 * writer (a web user's save, the server's re-check) waits for it at most one transaction at a time (issue
 * 16: ≤ 2 s; readers never wait in WAL). Each transaction is timed from BEGIN IMMEDIATE to COMMIT — the
 * time another writer is blocked — and after each the merge pauses briefly so a waiting writer gets the
 * lock (not when it has the file to itself: ledger-merge.ts). Copies in id ranges are sized from the rate
 * measured so far to take about `budgetMs` each.
 */
import type Database from 'better-sqlite3';

/** How long the merge held the write lock: the longest transaction and the sum of all. */
export interface LockStats {
  maxMs: number;
  totalMs: number;
  transactions: number;
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4));
/** A synchronous pause (the merge runs in the CLI or in an import worker thread, never on the server's loop). */
const pause = (ms: number) => {
  if (ms > 0) Atomics.wait(pauseCell, 0, 0, ms);
};

export class ChunkedWriter {
  readonly lock: LockStats = { maxMs: 0, totalMs: 0, transactions: 0 };
  /** ids per ms of copying, as the last range measured */
  private rate = 0;
  constructor(
    private readonly sqlite: Database.Database,
    private readonly opts: { budgetMs: number; pauseMs: number; onTx?: (label: string, ms: number) => void },
  ) {}

  /** Runs `fn` in one IMMEDIATE transaction, timed; then gives a waiting writer its turn. */
  tx<T>(label: string, fn: () => T): T {
    const t0 = performance.now();
    let ms = 0;
    try {
      return this.sqlite.transaction(fn).immediate();
    } finally {
      ms = performance.now() - t0;
      this.lock.maxMs = Math.max(this.lock.maxMs, ms);
      this.lock.totalMs += ms;
      this.lock.transactions++;
      this.opts.onTx?.(label, ms);
      pause(this.opts.pauseMs);
    }
  }

  /**
   * Runs `step(item)` for each item, as many in one transaction as fit the budget: the next one joins the
   * transaction while the time so far plus the last step's time stays within it (index builds of one table
   * take alike; each transaction's commit costs the same whatever it holds).
   */
  steps<T>(label: string, items: readonly T[], step: (item: T) => void): void {
    let last = 0;
    for (let i = 0; i < items.length; ) {
      this.tx(label, () => {
        const t0 = performance.now();
        do {
          const s0 = performance.now();
          step(items[i++]);
          last = performance.now() - s0;
        } while (i < items.length && performance.now() - t0 + last <= this.opts.budgetMs);
      });
    }
  }

  /**
   * Runs `copy(lo, hi)` (rows with lo < id ≤ hi) over ids (from, to], each range one transaction starting
   * with `check()`; returns the rows written. The first range is small; later ones follow the measured rate.
   */
  copyRanges(label: string, from: number, to: number, copy: (lo: number, hi: number) => number, check: () => void): number {
    let rows = 0;
    // the first range: small for the first table, then a quarter of a budget at the rate the previous table
    // copied (tables differ per row: findings join three staged tables, orders feed a full-text index)
    let size = this.rate > 0 ? Math.max(2000, Math.round((this.rate * this.opts.budgetMs) / 4)) : 2000;
    for (let lo = from; lo < to; ) {
      const hi = Math.min(to, lo + size);
      let ms = 0;
      rows += this.tx(label, () => {
        check();
        const t0 = performance.now();
        try {
          return copy(lo, hi);
        } finally {
          ms = Math.max(1, performance.now() - t0);
        }
      });
      // Sized by the copy's own time: the commit's cost (a sync: hundreds of ms on a busy disk) is the same
      // for any size, and counting it would keep the ranges small and the commits many. Never grow more
      // than 4× at once (a fast range may have been mostly gaps).
      size = Math.max(500, Math.min(size * 4, Math.round(((hi - lo) * this.opts.budgetMs) / ms)));
      if (hi - lo >= 2000) this.rate = (hi - lo) / ms;
      lo = hi;
    }
    return rows;
  }
}
