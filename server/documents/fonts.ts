/**
 * The Chinese web font of the documents (Noto Sans SC, OFL, @fontsource-variable/noto-sans-sc): ~100
 * woff2 subsets split by unicode-range, so a page loads only the few hundred KB its characters need. The
 * server serves them (GET …/documents/fonts/:file) and the PDF renderer feeds them to Chromium from disk,
 * so PDFs have real glyphs on a machine without any Chinese system font and without network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const FONT_FAMILY = 'Noto Sans SC Variable';
export const FONT_URL_PREFIX = '/api/workflows/documents/fonts/';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json'));
const FILES_DIR = path.join(PACKAGE_DIR, 'files');
const FILE_NAME = /^noto-sans-sc-[\w-]+\.woff2$/;

let css: string | undefined;
/** The package's @font-face rules with their URLs pointing at our font route. */
export function fontFaceCss(): string {
  css ??= fs
    .readFileSync(path.join(PACKAGE_DIR, 'index.css'), 'utf8')
    .replace(/\/\*[^*]*\*\//g, '')
    .replace(/url\(\.\/files\//g, `url(${FONT_URL_PREFIX}`);
  return css;
}

/** The font file's path on disk, for a name that is one of the package's woff2 files (never a path). */
export function fontFile(name: string): string | undefined {
  if (!FILE_NAME.test(name)) return undefined;
  const file = path.join(FILES_DIR, name);
  return fs.existsSync(file) ? file : undefined;
}
