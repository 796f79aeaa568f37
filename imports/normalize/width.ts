/** Full-width (全角) → half-width (半角): ＡＢＣ１２３ → ABC123, '　' → ' '. */

/** Every full-width ASCII variant (U+FF01–U+FF5E) and the ideographic space. */
export function toHalfWidth(s: string): string {
  if (!/[\uFF01-\uFF5E\u3000]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Only digits and Latin letters (codes: 国药准字Ｈ２００２２８９１ → 国药准字H20022891), punctuation kept as written. */
export function alnumToHalfWidth(s: string): string {
  if (!hasFullWidthAlnum(s)) return s;
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A loop, not a regular expression: called for every identifier cell of an import. */
function hasFullWidthAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff5a && (c <= 0xff19 || (c >= 0xff21 && c <= 0xff3a) || c >= 0xff41)) return true;
  }
  return false;
}

/** Trim including NBSP and the ideographic space, which String.prototype.trim() already covers, plus zero-width marks. */
export function cleanText(s: string): string {
  return s.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
}
