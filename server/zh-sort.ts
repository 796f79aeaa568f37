/**
 * Chinese names sort by pinyin, not by code point (阿 安 北 … 张 赵). better-sqlite3 has no custom
 * collations, so the connection gets a deterministic SQL function instead: zh_sort(text) maps every CJK
 * ideograph to one of the same range in the order Intl.Collator('zh') (pinyin) puts them, so a plain
 * binary ORDER BY zh_sort(col) sorts by pinyin. As the collator does, digits come first and Latin letters
 * after the Chinese (case-insensitively); other characters keep their code point. Character by character:
 * the collator's few word readings (重庆 as chongqing) are not followed.
 */
import type Database from 'better-sqlite3';

const FIRST = 0x4e00;
const LAST = 0x9fff;
/** Latin letters sort after every ideograph: a/A → U+A000, b/B → U+A001, … */
const LATIN = 0xa000;
let rank: Uint16Array | undefined;

/** CJK ideograph → its position in pinyin order (built once, ~21k characters). */
function ranks(): Uint16Array {
  if (rank) return rank;
  const chars = Array.from({ length: LAST - FIRST + 1 }, (_, i) => String.fromCharCode(FIRST + i));
  chars.sort(new Intl.Collator('zh').compare);
  rank = new Uint16Array(LAST - FIRST + 1);
  chars.forEach((c, i) => (rank![c.charCodeAt(0) - FIRST] = i));
  return rank;
}

export function zhSortKey(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const r = ranks();
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= FIRST && code <= LAST) out += String.fromCharCode(FIRST + r[code - FIRST]);
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) out += String.fromCharCode(LATIN + ((code | 0x20) - 0x61));
    else out += value[i];
  }
  return out;
}

export function registerZhSort(sqlite: Database.Database): void {
  sqlite.function('zh_sort', { deterministic: true }, (v: unknown) => zhSortKey(v) as string | null);
}
