/**
 * The acceptance set (issue): `node ../shared/tools/score-ledger.mjs . ../shared/samples` imports the sample
 * master files in DOMAIN.md's order, then each ledger variant (UTF-8, GBK, XLSX) into a copy of that
 * database, through `npm run import`, and must print a perfect score: every planted violation caught, no
 * finding on a clean row, exactly the unreadable rows rejected.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLES_DIR, SHARED } from '../helpers/shared';

const TOOL = path.join(SHARED, 'tools/score-ledger.mjs');

describe('score-ledger.mjs over the shared samples', () => {
  it('prints a perfect score', () => {
    expect(fs.existsSync(TOOL), TOOL).toBe(true);
    const r = spawnSync(process.execPath, [TOOL, REPO_ROOT, SAMPLES_DIR, '--verbose'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 });
    const out = `${r.stdout}${r.stderr}`;
    const expected = JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, 'expected.json'), 'utf8'));
    const planted = Object.values(expected.ledgers as Record<string, { planted: object; clean: number[]; rejected: number[] }>);
    const n = (f: (l: (typeof planted)[number]) => number) => planted.reduce((s, l) => s + f(l), 0);
    const perfect =
      `master ${expected.master.length}/${expected.master.length}; ledgers ${planted.length}/${planted.length}; ` +
      `planted caught ${n((l) => Object.keys(l.planted).length)}/${n((l) => Object.keys(l.planted).length)}; ` +
      `clean rows clean ${n((l) => l.clean.length)}/${n((l) => l.clean.length)}; ` +
      `unreadable rejected ${n((l) => l.rejected.length)}/${n((l) => l.rejected.length)}; extra 0; forbidden 0`;
    expect(out.trim().split('\n').at(-1)).toBe(perfect);
    expect(r.status, out).toBe(0);
  }, 600_000);
});
