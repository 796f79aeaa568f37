/**
 * The layering gate (.dependency-cruiser.cjs, run by `npm run check`) must both pass on the tree and fire on
 * what it forbids: a fixture tree with an import cycle and each forbidden crossing is cruised with the same
 * config, so a rule that stopped matching (a renamed folder, a typo in a path) fails here instead of passing
 * silently.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../server/root';

const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The gate as `npm run layers` runs it: its exit status (non-zero per error) and what it printed. */
function gate(cwd: string, dirs: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--config', CONFIG, ...dirs], { cwd, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** The violations, one line each (the JSON report; its exit status is always 0). */
function violations(cwd: string, dirs: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'json', ...dirs], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { summary } = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
  return summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-layers-'));
afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
  fs.writeFileSync(path.join(fixture, file), text);
}

describe('layering rules', () => {
  it('the tree has no cycle and no forbidden import', { timeout: 90_000 }, () => {
    const r = gate(ROOT, ['schema', 'server', 'imports', 'web', 'test', 'bench']);
    expect(r.status, r.out).toBe(0);
  });

  it('fires on a cycle and on each forbidden crossing, and lets type-only imports of server types into web', () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
    write('server/services/write.ts', "import { HOOKS } from './hooks';\nexport const write = () => HOOKS;\n");
    write('server/services/hooks.ts', "import { write } from './write';\nexport const HOOKS = [write];\n");
    write('server/app.ts', "import { screen } from '../web/src/screen';\nexport const app = screen;\n");
    write('schema/rules.ts', "import { write } from '../server/services/write';\nexport const rules = write;\n");
    write(
      'web/src/screen.ts',
      "import { app } from '../../server/app';\nimport type { Row } from '../../server/row';\nexport const screen = (r?: Row) => r ?? app;\n",
    );
    write('server/row.ts', 'export interface Row { id: number }\n');
    expect(gate(fixture, ['schema', 'server', 'web']).status).toBe(5); // one per violation below
    const found = new Set(violations(fixture, ['schema', 'server', 'web']));
    const cycles = [...found].filter((v) => v.startsWith('no-circular: ')).map((v) => v.slice(13).split(' → ').sort().join(' ↔ '));
    expect(cycles.sort()).toEqual(['server/app.ts ↔ web/src/screen.ts', 'server/services/hooks.ts ↔ server/services/write.ts']);
    expect(found).toContain('schema-imports-only-schema: schema/rules.ts → server/services/write.ts');
    expect(found).toContain('web-imports-only-schema: web/src/screen.ts → server/app.ts');
    expect(found).toContain('server-and-imports-never-import-web: server/app.ts → web/src/screen.ts');
    // a type is erased from the bundle: web may name the shape of a server answer
    expect([...found].filter((v) => v.includes('server/row.ts'))).toEqual([]);
  });
});
