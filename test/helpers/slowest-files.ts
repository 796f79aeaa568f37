/**
 * Prints the slowest test files at the end of `npm test` (wall time from import to the last test), so a file
 * that grows slow is seen in every run and in CI's log, not only by whoever reads the per-file lines.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 12;

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules.map((m) => ({ file: m.relativeModuleId, ms: m.diagnostic().duration + m.diagnostic().collectDuration })).sort((a, b) => b.ms - a.ms);
    if (!rows.length) return;
    const total = rows.reduce((a, r) => a + r.ms, 0);
    const lines = rows.slice(0, SHOWN).map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.file}`);
    console.log(`\nSlowest test files (of ${rows.length}, ${(total / 1000).toFixed(0)} s summed over workers):\n${lines.join('\n')}`);
  }
}
