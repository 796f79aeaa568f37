/**
 * Ill-formed UTF-16 (a lone surrogate, e.g. JSON "\ud800") cannot be stored: SQLite and every UTF-8 encoder
 * turn it into U+FFFD, so a hash taken over the string as received would not match what was stored.
 * The API refuses such text at the edge; the importer rejects such a cell; the audit trail hashes what it stores.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

const native = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** Whether `s` is well-formed UTF-16 (no lone surrogate): the engine's own check where it has one (Node 20+, one pass, no regular expression per cell). */
export const isWellFormed: (s: string) => boolean = native ? (s) => native.call(s) : (s) => !ANY_SURROGATE.test(s) || !LONE_SURROGATE.test(s);

/** The string as a UTF-8 store keeps it: each lone surrogate becomes U+FFFD. */
export function toWellFormed(s: string): string {
  return isWellFormed(s) ? s : s.replace(LONE_SURROGATES, '\uFFFD');
}

export type JsonProblem = { problem: 'depth' | 'unicode'; path: string };

/**
 * The first problem of a parsed JSON value: nesting deeper than `maxDepth`, or a key or string that is not
 * well-formed (its path, e.g. `sales_lines.0.note`). Iterative, so a hostile nesting cannot overflow the stack.
 */
export function jsonProblem(value: unknown, maxDepth: number): JsonProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return { problem: 'unicode', path: path || '(body)' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return { problem: 'depth', path };
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (!isWellFormed(k)) return { problem: 'unicode', path: p };
      stack.push({ v: child, path: p, depth: depth + 1 });
    }
  }
  return null;
}
