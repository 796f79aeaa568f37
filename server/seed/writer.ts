/** Writes demo records through the one write service, in a few large transactions. */
import { registry } from '../../schema/resources';
import { ServiceError } from '../errors';
import { inTransaction, type ServiceContext } from '../services/context';
import type { Row } from '../services/records';
import { createRecord, prefetchReferences } from '../services/write';
import '../services/write-hooks'; // registers the workflows' write hooks (services/hooks.ts)

export const SEED_REASON = '演示数据';

export class Writer {
  private ctx: ServiceContext;

  constructor(readonly base: ServiceContext) {
    this.ctx = base;
  }

  /** the context of the open transaction (for the rare write the service cannot express) */
  get current(): ServiceContext {
    return this.ctx;
  }

  async create(resource: string, input: Record<string, unknown>): Promise<Row> {
    const res = registry.get(resource);
    if (!res) throw new Error(`unknown resource ${resource}`);
    try {
      // Historical: the live rules record what the planted records break as findings instead of refusing them.
      // Seed: the made-up history is written in its states (approved, shipped, closed …) directly, with the
      // steps' signatures added afterwards (signatures.ts) — the one path besides the verbs that may set
      // step-owned fields (server/services/lifecycle.ts lifecycleExempt).
      return await createRecord(this.ctx, res, input, { reason: SEED_REASON, historical: true, seed: true });
    } catch (err) {
      // A seed bug, not user input: say which record and field were refused.
      if (err instanceof ServiceError)
        throw new Error(`demo seed: ${resource} refused: ${err.message} ${JSON.stringify(err.errors)} ${JSON.stringify(input).slice(0, 400)}`);
      throw err;
    }
  }

  /** runs `fn` in one IMMEDIATE transaction; the records it creates commit together */
  async tx<T>(fn: () => Promise<T>): Promise<T> {
    return inTransaction(this.base, async (tx) => {
      const prev = this.ctx;
      this.ctx = tx;
      try {
        return await fn();
      } finally {
        this.ctx = prev;
      }
    });
  }

  /** creates one record per item, `size` per transaction; returns the rows in order */
  async createAll<T>(resource: string, items: readonly T[], toInput: (item: T, i: number) => Record<string, unknown>, size = 400): Promise<Row[]> {
    const rows: Row[] = [];
    for (let i = 0; i < items.length; i += size) {
      await this.tx(async () => {
        const inputs = items.slice(i, i + size).map((item, j) => toInput(item, i + j));
        // what they reference, read at once (PostgreSQL: one query per table instead of one per record)
        await prefetchReferences(this.ctx, registry.get(resource)!, inputs);
        for (const input of inputs) rows.push(await this.create(resource, input));
      });
    }
    return rows;
  }
}
