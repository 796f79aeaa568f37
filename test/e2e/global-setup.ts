/**
 * Makes sure web/dist is a build of the current web sources: builds it (vite build) when it is missing or
 * older than web/src or schema/. Usable as a vitest globalSetup and called by the e2e test itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** GSP_TEST_WEB_DIST builds elsewhere (several working copies' test runs at once must not share one dist). */
export const WEB_DIST = process.env.GSP_TEST_WEB_DIST ? path.resolve(process.env.GSP_TEST_WEB_DIST) : path.join(ROOT, 'web/dist');

function newest(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((name) => newest(path.join(p, name))));
}

export async function ensureWebDist(): Promise<string> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'web/src')), newest(path.join(ROOT, 'schema')), newest(path.join(ROOT, 'web/index.html')));
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
    const { build } = await import('vite');
    // The production build, as `npm run build` makes it: under vitest NODE_ENV is "test", with which Vite
    // bundled React's development build (2× the size, slower renders) into what the browser tests measure.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: WEB_DIST, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  return WEB_DIST;
}

export default async function setup() {
  await ensureWebDist();
}
