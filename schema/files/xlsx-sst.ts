/**
 * Streaming scanner for the shared-strings part (`xl/sharedStrings.xml`): fed text chunks in order, it keeps
 * only the strings — plain `<t>` or rich-text runs `<r><t>` concatenated, phonetic guides `<rPh>` left out —
 * never the part's whole text (a 1M-row ledger's table is ~28 MB of XML, a hostile one up to the part
 * limit). Nesting is checked as in xml.ts's scanXml; a table larger than `maxUnits` (characters, plus
 * STRING_OVERHEAD per string for what each costs in memory) is refused as a zip bomb would be.
 */
import { ImportFileError } from './errors';
import { MAX_CELL_CHARS, MAX_MARKUP_CHARS } from './xlsx-sheet';
import { corruptPart, normalizeLineEnds, tagEnd, unescapeXString, xmlText } from './xml';

/** a string's own cost in memory beside its characters (header, table slot), in characters */
export const STRING_OVERHEAD = 16;

const localName = (q: string) => {
  const c = q.indexOf(':');
  return c < 0 ? q : q.slice(c + 1);
};

/**
 * A copy of `s` that does not keep the text it was cut from alive: V8 makes a slice of 13 or more characters a
 * view into its parent, so a table of slices would hold every chunk of the part for as long as the sheet is
 * read (1M-row ledger: 102 MB of heap instead of 49 MB). Concatenating makes a rope; slicing flattens it.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

export class SharedStringsScanner {
  readonly strings: string[] = [];
  private carry = '';
  private readonly stack: string[] = [];
  private rootSeen = false;
  private inSi = false;
  private inT = false;
  private rph = 0;
  /** text of the current <si> so far, decoded */
  private cur = '';
  /** raw text of the current <t>, decoded whole at its end (an entity or CRLF may straddle two chunks) */
  private raw = '';
  private units = 0;

  constructor(
    private readonly part: string,
    private readonly maxUnits: number,
  ) {}

  private bad(zh: string, en: string): Error {
    return corruptPart(this.part, zh, en);
  }

  /** Feed the next piece of the part's text; `final` on the last one (then the part must be complete). */
  feed(chunk: string, final: boolean): void {
    const s = this.carry ? this.carry + chunk : chunk;
    this.carry = '';
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > pos) this.text(s, pos, textEnd);
      if (lt < 0) break;
      const end = this.markup(s, lt);
      if (end < 0) {
        if (final) throw this.bad('标签未结束（文件被截断？）', 'unterminated tag (truncated?)');
        if (n - lt > MAX_MARKUP_CHARS) {
          throw this.bad(`标签、注释或 CDATA 超过 ${MAX_MARKUP_CHARS} 个字符`, `a tag, comment or CDATA section longer than ${MAX_MARKUP_CHARS} characters`);
        }
        this.carry = s.slice(lt);
        return;
      }
      pos = end;
    }
    if (!final) return;
    if (this.stack.length) {
      const top = this.stack[this.stack.length - 1];
      throw this.bad(`元素 <${top}> 未结束（文件被截断？）`, `element <${top}> is not closed (truncated?)`);
    }
    if (!this.rootSeen) throw this.bad('没有内容', 'no content');
  }

  private text(s: string, a: number, b: number): void {
    if (this.inT) {
      this.raw += s.slice(a, b);
      if (this.raw.length + this.cur.length > MAX_CELL_CHARS) {
        const n = this.strings.length + 1;
        throw this.bad(`第 ${n} 个共享字符串超过 ${MAX_CELL_CHARS} 个字符`, `shared string ${n} holds more than ${MAX_CELL_CHARS} characters`);
      }
    } else if (!this.stack.length) {
      for (let i = a; i < b; i++) {
        const c = s.charCodeAt(i);
        if (c > 32 && c !== 0xfeff) throw this.bad('根元素之外有多余文本', 'text outside the root element');
      }
    }
  }

  private flush(): void {
    if (this.raw) {
      this.cur += xmlText(this.raw);
      this.raw = '';
    }
  }

  /** The tag, comment, CDATA or declaration at `lt`; returns the index after it, or -1 when it is cut off. */
  private markup(s: string, lt: number): number {
    const c1 = s.charCodeAt(lt + 1);
    if (Number.isNaN(c1)) return -1;
    if (c1 === 63 /* ? */) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (c1 === 33 /* ! */) {
      if (s.length - lt < 9 && ('<![CDATA['.startsWith(s.slice(lt)) || '<!--'.startsWith(s.slice(lt)))) return -1;
      if (s.startsWith('<!--', lt)) {
        const e = s.indexOf('-->', lt + 4);
        return e < 0 ? -1 : e + 3;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const e = s.indexOf(']]>', lt + 9);
        if (e < 0) return -1;
        if (this.inT) {
          this.flush();
          this.cur += normalizeLineEnds(s.slice(lt + 9, e));
        }
        return e + 3;
      }
      return tagEnd(s, lt + 2);
    }
    const end = tagEnd(s, lt + 1);
    if (end < 0) return -1;
    if (c1 === 47 /* / */) {
      const q = s.slice(lt + 2, end - 1).trim();
      const top = this.stack.pop();
      if (top !== q) throw this.bad(`结束标签 </${q}> 与 <${top ?? ''}> 不匹配`, `closing tag </${q}> does not match <${top ?? ''}>`);
      this.close(localName(q));
      return end;
    }
    let i = lt + 1;
    while (i < end - 1) {
      const c = s.charCodeAt(i);
      if (c <= 32 || c === 47 || c === 62) break;
      i++;
    }
    const q = s.slice(lt + 1, i);
    if (!q) throw this.bad('标签名为空', 'empty tag name');
    if (!this.stack.length && this.rootSeen) throw this.bad('有多个根元素', 'more than one root element');
    this.rootSeen = true;
    const name = localName(q);
    this.open(name);
    // self-closing elements open and close at once, so each pair below stays balanced
    if (s.charCodeAt(end - 2) === 47) this.close(name);
    else this.stack.push(q);
    return end;
  }

  private open(name: string): void {
    if (name === 'si') {
      this.inSi = true;
      this.cur = this.raw = '';
    } else if (name === 'rPh') this.rph++;
    else if (name === 't') this.inT = this.inSi && this.rph === 0;
  }

  private close(name: string): void {
    if (name === 't') {
      this.flush();
      this.inT = false;
    } else if (name === 'rPh') this.rph--;
    else if (name === 'si' && this.inSi) {
      const text = detach(unescapeXString(this.cur));
      this.units += text.length + STRING_OVERHEAD;
      if (this.units > this.maxUnits) {
        const m = Math.round(this.maxUnits / 1e6);
        throw new ImportFileError('zip_bomb', {
          detail: `${this.part} 的共享字符串超过 ${m} 百万字符（第 ${this.strings.length + 1} 个）`,
          detail_en: `the shared strings of ${this.part} exceed ${m} million characters (at string ${this.strings.length + 1})`,
        });
      }
      this.strings.push(text);
      this.cur = '';
      this.inSi = false;
    }
  }
}
