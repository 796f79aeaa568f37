/**
 * A worker of the "shared" project runs file after file in one process (vitest.config.ts): what a file leaves on
 * the built-in prototypes reaches every later file, in an order that differs between machines. pdf.js, for one,
 * refuses to load beside an enumerable `Array.prototype` property (CI failed every PDF test after drizzle-kit's
 * api had added `random`). This fails the file that leaves such a property, where it is found, not a later one.
 */
import { afterAll } from 'vitest';

function enumerableKeys(proto: object): string[] {
  const keys: string[] = [];
  for (const k in proto) keys.push(k);
  return keys;
}

const PROTOTYPES = { Array: Array.prototype, Object: Object.prototype, String: String.prototype, Function: Function.prototype };

afterAll(() => {
  const leaked = Object.entries(PROTOTYPES).flatMap(([name, proto]) => enumerableKeys(proto).map((k) => `${name}.prototype.${k}`));
  if (leaked.length && !process.env.GSP_TEST_OWN_PROCESS) {
    throw new Error(`this file left enumerable properties on built-in prototypes (run it in its own process: vitest.config.ts OWN_PROCESS): ${leaked.join(', ')}`);
  }
});
