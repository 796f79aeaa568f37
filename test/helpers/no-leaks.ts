/**
 * A worker of the "shared" project runs file after file in one process (vitest.config.ts): what a file leaves on
 * the built-in prototypes reaches every later file, in an order that differs between machines. pdf.js, for one,
 * refuses to load beside an enumerable `Array.prototype` property (CI failed every PDF test after drizzle-kit's
 * api had added `random`); a variable left in process.env changes what a later file's server opens. This fails
 * the file that leaves either, where it is found, not a later one.
 */
import { afterAll } from 'vitest';

function enumerableKeys(proto: object): string[] {
  const keys: string[] = [];
  for (const k in proto) keys.push(k);
  return keys;
}

const PROTOTYPES = { Array: Array.prototype, Object: Object.prototype, String: String.prototype, Function: Function.prototype };

// The environment the worker started with (this setup file runs again before every file; the first run keeps it).
const g = globalThis as { gspEnvAtStart?: Record<string, string | undefined> };
g.gspEnvAtStart ??= { ...process.env };
const envBefore = g.gspEnvAtStart;

// What a file left is put back before it fails, so that only the file that left it fails, not every later one.
afterAll(() => {
  if (process.env.GSP_TEST_OWN_PROCESS) return;
  const leaked = Object.entries(PROTOTYPES).flatMap(([name, proto]) => enumerableKeys(proto).map((k) => [name, proto, k] as const));
  for (const [, proto, k] of leaked) delete (proto as Record<string, unknown>)[k];
  const changed = [...new Set([...Object.keys(envBefore), ...Object.keys(process.env)])].filter(
    (k) => !k.startsWith('VITEST') && envBefore[k] !== process.env[k],
  );
  for (const k of changed) {
    if (envBefore[k] === undefined) delete process.env[k];
    else process.env[k] = envBefore[k];
  }
  if (leaked.length) {
    const names = leaked.map(([name, , k]) => `${name}.prototype.${k}`).join(', ');
    throw new Error(`this file left enumerable properties on built-in prototypes (run it in its own process: vitest.config.ts OWN_PROCESS): ${names}`);
  }
  if (changed.length) throw new Error(`this file left process.env changed (put it back in afterAll/finally): ${changed.join(', ')}`);
});
