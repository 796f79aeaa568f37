/**
 * Prints the slowest test files at the end of `npm test` (wall time from import to the last test, and the CPU
 * the file and the processes it started used: file-cpu.ts), so a file that grows slow is seen in every run and
 * in CI's log, not only by whoever reads the per-file lines. Then the files that cost the most CPU: on two shared
 * cores the run's wall time follows the CPU of all files. Every file's figures are also written to
 * test/out/files.json (GSP_TEST_FILES_REPORT: elsewhere), so a later run can be compared file by file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';

const REPORT = process.env.GSP_TEST_FILES_REPORT ?? fileURLToPath(new URL('../out/files.json', import.meta.url));

const SHOWN = 12;
const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules.map((m) => ({
      file: m.relativeModuleId,
      project: m.project.name,
      ms: m.diagnostic().duration + m.diagnostic().collectDuration,
      cpu: m.meta().cpuMs,
    }));
    if (!rows.length) return;
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    const byFile = [...rows].sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0) || b.ms - a.ms);
    fs.writeFileSync(REPORT, `${JSON.stringify({ at: new Date().toISOString(), files: byFile }, null, 1)}\n`);
    const total = rows.reduce((a, r) => a + r.ms, 0);
    const cpu = rows.reduce((a, r) => a + (r.cpu ?? 0), 0);
    const line = (r: (typeof rows)[number]) => `  ${s(r.ms)}  ${r.cpu === undefined ? '' : `${s(r.cpu)} CPU  `}${r.file}`;
    const byWall = [...rows].sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
    console.log(
      `\nSlowest test files (of ${rows.length}, ${(total / 1000).toFixed(0)} s summed over workers, ${(cpu / 1000).toFixed(0)} s CPU):\n${byWall.map(line).join('\n')}`,
    );
    if (!cpu) return;
    const byCpu = [...rows].sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0)).slice(0, SHOWN);
    console.log(`Most CPU:\n${byCpu.map(line).join('\n')}`);
  }
}
