/** ../shared beside the repository (the spec, samples and corpora); GSP_SHARED overrides. CI lays it out the same way. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = process.env.GSP_SHARED ?? path.resolve(REPO_ROOT, '../shared');
export const SAMPLES_DIR = path.join(SHARED, 'samples');
export const CORPORA_DIR = path.join(SHARED, 'corpora');
