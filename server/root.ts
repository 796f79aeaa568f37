/**
 * The project's root folder: the nearest one above this module that holds package.json. Walking up (not a
 * fixed `..`) keeps paths right both when this module runs from its source file and from the compiled CLI
 * bundle under build/ (imports/cli-launcher.mjs), whose chunks sit one level deeper.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
