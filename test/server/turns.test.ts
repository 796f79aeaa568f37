/**
 * server/services/turns.ts: long work inside a request (a write re-checking many records) lets what waits on the
 * event loop — another request's read — run between its steps; short work runs through without a turn.
 */
import { describe, expect, it } from 'vitest';
import { giveTurn } from '../../server/services/turns';

/** `steps` synchronous steps of `ms` each, with giveTurn() between them (as evaluateTargets between records) */
async function work(steps: number, ms: number, log: string[]) {
  for (let i = 0; i < steps; i++) {
    await giveTurn();
    const until = performance.now() + ms;
    while (performance.now() < until) {
      /* a record's rules and SQLite calls: synchronous */
    }
    log.push(`step ${i}`);
  }
  log.push('done');
}

describe('giveTurn', () => {
  it('lets waiting callbacks run between the steps of long work', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('waiting read'));
    await work(20, 1, log);
    const read = log.indexOf('waiting read');
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(log.indexOf('done'));
    expect(read).toBeLessThanOrEqual(5); // after ≈ 3 ms of work, not at the end
  });

  it('does not interrupt short work', async () => {
    await new Promise((r) => setImmediate(r)); // a fresh turn
    const log: string[] = [];
    setImmediate(() => log.push('waiting read'));
    await work(2, 0.05, log);
    expect(log.indexOf('waiting read')).toBe(-1); // still waiting: the short work ran through
    await new Promise((r) => setImmediate(r));
    expect(log.at(-1)).toBe('waiting read');
  });
});
