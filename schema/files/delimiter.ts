/**
 * The field delimiter and line break of a CSV/TXT file, from a sample of its text: shared by the importer
 * (imports/readers/csv.ts) and the upload wizard's preview in the browser (web/src/imports/peek.ts), so
 * both split a file the same way.
 */
export type Delimiter = ',' | '\t' | ';';
const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

/** Per line (outside quotes), how many times each candidate occurs; the most consistent one wins. */
export function detectDelimiter(sample: string): Delimiter {
  const counts = new Map<Delimiter, number[]>(DELIMITERS.map((d) => [d, []]));
  let line = new Map<string, number>();
  let inQuotes = false;
  let lines = 0;
  const endLine = () => {
    if (line.size) for (const d of DELIMITERS) counts.get(d)!.push(line.get(d) ?? 0);
    line = new Map();
    lines++;
  };
  for (let i = 0; i < sample.length && lines < 50; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') endLine();
    else if (c === ',' || c === '\t' || c === ';') line.set(c, (line.get(c) ?? 0) + 1);
  }
  endLine();
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const per = counts.get(d)!.filter((n) => n > 0);
    if (!per.length) continue;
    // the most frequent non-zero count, weighted by how many lines have it
    const freq = new Map<number, number>();
    for (const n of per) freq.set(n, (freq.get(n) ?? 0) + 1);
    let score = 0;
    for (const [n, k] of freq) score = Math.max(score, k * Math.min(n, 64) + per.length);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** '\r' only for files that have no '\n' at all (classic Mac); otherwise '\n' and a trailing '\r' is dropped. */
export function detectNewline(sample: string): '\n' | '\r' {
  return sample.includes('\n') || !sample.includes('\r') ? '\n' : '\r';
}
