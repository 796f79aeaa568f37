/**
 * Header text → the form aliases are compared in (DOMAIN.md): trimmed, full-width → half-width, spaces and
 * line breaks removed, bracketed notes such as (元) / （元） / [必填] / 【选填】 removed, required-field
 * marks (* ※) and trailing colons dropped, Latin letters lower-cased. '批号/序列号' keeps its slash.
 */
import { toHalfWidth } from '../normalize/width';

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|〖[^〖〗]*〗/g;

export function normalizeHeader(raw: string): string {
  let s = toHalfWidth(raw).replace(/[\u200B-\u200D\uFEFF]/g, '');
  for (let i = 0; i < 3; i++) {
    const next = s.replace(BRACKETED, '');
    if (next === s) break;
    s = next;
  }
  s = s.replace(/\s+/g, '');
  s = s.replace(/^[*※]+/, '').replace(/[*※:：]+$/, '');
  return s.toLowerCase();
}
