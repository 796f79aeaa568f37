/**
 * Header cells → field keys for one import kind. Exact label before alias before English name before a
 * referenced record's field; one column per field (a second column with the same meaning stays unmapped,
 * reported); a saved mapping preset (per source, chosen by the user) overrides the aliases.
 */
import { cellText, columnName, type Cell } from '../../schema/files/cells';
import type { KindInfo } from './kinds';
import { normalizeHeader } from './normalize-header';

/** header text (as written, or normalised) → field key, or null to ignore the column */
export type MappingPreset = Readonly<Record<string, string | null>>;

export interface ColumnMapping {
  /** 0-based column */
  index: number;
  /** 'A', 'B' … */
  column: string;
  header: string;
  field: string | null;
  /** how it matched: 'preset' | 'label' | 'alias' | 'english' | 'reference' | 'ignored' | 'duplicate' | 'unknown' */
  via: 'preset' | 'label' | 'alias' | 'english' | 'reference' | 'ignored' | 'duplicate' | 'unknown';
}

export interface HeaderMapping {
  columns: ColumnMapping[];
  /** report form: header text → field key (a repeated header text gets its column letter: '备注 (AH)') */
  mapping: Record<string, string>;
  /** headers that map to nothing (or to a field another column already took) */
  unmapped: string[];
  /** distinct fields mapped */
  score: number;
}

const VIA = ['label', 'alias', 'english', 'reference'] as const;

export function mapHeaders(headerCells: readonly Cell[], kind: KindInfo, preset?: MappingPreset): HeaderMapping {
  const known = new Set(kind.fields.map((f) => f.key));
  const presetNorm = new Map<string, string | null>();
  for (const [h, f] of Object.entries(preset ?? {})) {
    if (f === null || known.has(f)) presetNorm.set(normalizeHeader(h), f);
  }
  type Cand = { index: number; header: string; options: Array<{ key: string; rank: number }>; preset?: string | null };
  const cands: Cand[] = [];
  for (let i = 0; i < headerCells.length; i++) {
    const header = cellText(headerCells[i]).trim();
    if (!header) continue;
    const norm = normalizeHeader(header);
    const p = preset && Object.hasOwn(preset, header) ? preset[header] : presetNorm.get(norm);
    if (p !== undefined && (p === null || known.has(p))) {
      cands.push({ index: i, header, options: p ? [{ key: p, rank: -1 }] : [], preset: p });
      continue;
    }
    cands.push({ index: i, header, options: [...(kind.index.get(norm) ?? [])] });
  }
  // best matches claim their field first; ties go to the leftmost column
  const order = [...cands].sort((a, b) => (a.options[0]?.rank ?? 9) - (b.options[0]?.rank ?? 9) || a.index - b.index);
  const taken = new Set<string>();
  const result = new Map<number, ColumnMapping>();
  for (const c of order) {
    const base = { index: c.index, column: columnName(c.index), header: c.header };
    if (c.preset === null) {
      result.set(c.index, { ...base, field: null, via: 'ignored' });
      continue;
    }
    const pick = c.options.find((o) => !taken.has(o.key));
    if (!pick) {
      result.set(c.index, { ...base, field: null, via: c.options.length ? 'duplicate' : 'unknown' });
      continue;
    }
    taken.add(pick.key);
    result.set(c.index, { ...base, field: pick.key, via: pick.rank < 0 ? 'preset' : VIA[pick.rank] });
  }
  const columns = [...result.values()].sort((a, b) => a.index - b.index);
  const mapping: Record<string, string> = {};
  const unmapped: string[] = [];
  const seen = new Map<string, number>();
  for (const c of columns) seen.set(c.header, (seen.get(c.header) ?? 0) + 1);
  for (const c of columns) {
    const name = (seen.get(c.header) ?? 0) > 1 ? `${c.header} (${c.column})` : c.header;
    if (c.field) mapping[name] = c.field;
    else if (c.via !== 'ignored') unmapped.push(name);
  }
  return { columns, mapping, unmapped, score: taken.size };
}
