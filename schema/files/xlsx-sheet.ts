/**
 * Streaming scanner for a worksheet part (`xl/worksheets/sheetN.xml`): fed text chunks in order, it emits
 * rows of typed cells. Hand-written for speed (no DOM, no generic SAX events): `<row r>`, `<c r t s>`,
 * `<v>`, inline strings `<is><t>` with rich-text runs (phonetic `<rPh>` skipped), formula cells by their
 * cached `<v>`, missing `r` attributes, namespace prefixes (`<x:c>`), entities and `_xHHHH_` escapes,
 * `<mergeCell ref>`. Nesting is checked, and text outside the root element or a truncated part is an error.
 * State survives chunk boundaries; only an incomplete tag or text node is carried over.
 */
import { excelSerialToDate } from './excel-date';
import type { Cell, DateCell, SheetRow } from './cells';
import { columnIndex } from './cells';
import { colFrom, intFrom, isoDateCell, typeName } from './xlsx-cell-text';
import { corruptPart, tagEnd, unescapeXString, xmlText } from './xml';

export interface SheetContext {
  /** shared strings (null when the package has none) */
  sst: readonly string[] | null;
  isDate: readonly boolean[];
  padWidth: readonly number[];
  date1904: boolean;
  maxColumns: number;
  /** part name, for messages */
  part: string;
}

// biome-ignore lint/suspicious/noConstEnum: inlined by esbuild within this file, the XLSX reader's hot loop (measured)
const enum K {
  Other,
  Row,
  C,
  V,
  T,
  F,
  Is,
  RPh,
  SheetData,
  MergeCell,
}

/**
 * The longest tag, comment or CDATA section carried from one chunk to the next. Excel's cells hold at most
 * 32,767 characters; without a bound, a huge unterminated one would be rescanned with every chunk (quadratic).
 */
export const MAX_MARKUP_CHARS = 1 << 20;
/** The most text one cell (or one shared string) may hold: Excel's own limit is 32,767 characters. */
export const MAX_CELL_CHARS = 1 << 20;

export class SheetScanner {
  /** rows completed since the caller last emptied this array */
  out: SheetRow[] = [];
  readonly merges: string[] = [];
  private carry = '';
  private readonly stack: Array<K | string> = [];
  private rootSeen = false;
  private inSheetData = false;
  private rowNo = 0;
  private cells: Cell[] | null = null;
  private col = 0;
  // the cell being read
  private inCell = false;
  private cellCol = 0;
  private cellT = '';
  private cellS = 0;
  private hasV = false;
  private hasIs = false;
  private vText = '';
  private isText = '';
  private capture = 0; // 0 none, 1 <v>, 2 <t> of an inline string
  private inIs = false;
  private rph = 0;
  // attribute scratch
  private aR: string | null = null;
  private aT: string | null = null;
  private aS: string | null = null;

  constructor(private readonly ctx: SheetContext) {}

  private bad(zh: string, en: string): Error {
    return corruptPart(this.ctx.part, zh, en);
  }

  /** Feed the next piece of the part's text; `final` on the last one (then the part must be complete). */
  feed(chunk: string, final: boolean): void {
    const s = this.carry ? this.carry + chunk : chunk;
    this.carry = '';
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // text runs on into the next chunk: taken now (it is decoded whole at the end of its cell), not carried,
        // so a huge text node costs one pass, not one pass per chunk
        this.text(s, pos, n);
        pos = n;
        break;
      }
      if (lt > pos) this.text(s, pos, lt);
      const c1 = s.charCodeAt(lt + 1);
      // Fast paths for the unprefixed cell grammar Excel and most writers use: <c …>, <v>…</v>, </c>.
      if (c1 === 118 /* v */ && this.inCell && s.charCodeAt(lt + 2) === 62) {
        // <v>text</v> within this chunk at once; otherwise the general path below takes <v> and its text
        const e = s.indexOf('<', lt + 3);
        if (e >= 0 && e + 3 < n && s.charCodeAt(e + 1) === 47 && s.charCodeAt(e + 2) === 118 && s.charCodeAt(e + 3) === 62) {
          this.vText = e > lt + 3 ? s.slice(lt + 3, e) : '';
          this.hasV = true;
          pos = e + 4;
          continue;
        }
      } else if (c1 === 47 /* / */ && s.charCodeAt(lt + 2) === 99 && s.charCodeAt(lt + 3) === 62) {
        if (this.stack.pop() !== K.C) throw this.bad('结束标签 </c> 不匹配（XML 格式错误）', 'closing tag </c> does not match (invalid XML)');
        if (this.inCell) this.endCell();
        pos = lt + 4;
        continue;
      } else if (c1 === 99 /* c */ && this.cells && s.charCodeAt(lt + 2) === 32) {
        const end = this.cellOpen(s, lt + 3, n);
        if (end < 0) {
          if (!final) {
            this.keep(s, lt);
            return;
          }
          throw this.bad('标签未结束（文件被截断？）', 'unterminated tag (truncated?)');
        }
        pos = end;
        continue;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */ || Number.isNaN(c1) /* '<' at the end */) {
        const end = this.special(s, lt);
        if (end < 0) {
          if (!final) {
            this.keep(s, lt);
            return;
          }
          throw this.bad('文件被截断', 'truncated');
        }
        pos = end;
        continue;
      }
      const end = tagEnd(s, lt + 1);
      if (end < 0) {
        if (!final) {
          this.keep(s, lt);
          return;
        }
        throw this.bad('标签未结束（文件被截断？）', 'unterminated tag (truncated?)');
      }
      this.tag(s, lt, end);
      pos = end;
    }
    if (final) this.finish();
  }

  /** Carries an incomplete tag, comment or CDATA section over to the next chunk — a bounded one. */
  private keep(s: string, from: number): void {
    if (s.length - from > MAX_MARKUP_CHARS) {
      throw this.bad(`标签、注释或 CDATA 超过 ${MAX_MARKUP_CHARS} 个字符`, `a tag, comment or CDATA section longer than ${MAX_MARKUP_CHARS} characters`);
    }
    this.carry = s.slice(from);
  }

  private finish(): void {
    if (this.stack.length) throw this.bad('工作表 XML 未结束（文件被截断？）', 'worksheet XML is not complete (truncated?)');
    if (!this.rootSeen) throw this.bad('工作表为空', 'empty worksheet part');
  }

  /** Comments, processing instructions, CDATA, DOCTYPE. Returns the index after it, or -1 if incomplete. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.capture === 1) this.vText += s.slice(lt + 9, e).replace(/&/g, '&amp;');
      else if (this.capture === 2) this.isText += s.slice(lt + 9, e).replace(/&/g, '&amp;');
      return e + 3;
    }
    if (s.length - lt < 9) {
      const t = s.slice(lt);
      if ('<![CDATA['.startsWith(t) || '<!--'.startsWith(t)) return -1;
    }
    if (s.charCodeAt(lt + 1) === 63) {
      const e = s.indexOf('?>', lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    return tagEnd(s, lt + 2);
  }

  private text(s: string, a: number, b: number): void {
    if (this.capture) {
      if (this.capture === 1) this.vText += s.slice(a, b);
      else this.isText += s.slice(a, b);
      if (this.vText.length + this.isText.length > MAX_CELL_CHARS) {
        throw this.bad(
          `第 ${this.rowNo} 行有单元格文本超过 ${MAX_CELL_CHARS} 个字符`,
          `a cell in row ${this.rowNo} holds more than ${MAX_CELL_CHARS} characters`,
        );
      }
    } else if (!this.stack.length) {
      for (let i = a; i < b; i++) {
        const c = s.charCodeAt(i);
        if (c > 32 && c !== 0xfeff) throw this.bad('根元素之外有多余文本（XML 格式错误）', 'text outside the root element (invalid XML)');
      }
    }
  }

  private attrs(s: string, from: number, to: number): void {
    this.aR = this.aT = this.aS = null;
    let i = from;
    while (i < to) {
      const c = s.charCodeAt(i);
      if (c <= 32 || c === 47 || c === 62) {
        i++;
        continue;
      }
      const ns = i;
      while (i < to && s.charCodeAt(i) !== 61) i++;
      let ne = i;
      while (ne > ns && s.charCodeAt(ne - 1) <= 32) ne--;
      i++;
      while (i < to && s.charCodeAt(i) <= 32) i++;
      const q = s[i];
      if (q !== '"' && q !== "'") return;
      const ve = s.indexOf(q, i + 1);
      if (ve < 0 || ve > to) return;
      if (ne - ns === 1) {
        const ch = s.charCodeAt(ns);
        if (ch === 114) this.aR = s.slice(i + 1, ve);
        else if (ch === 116) this.aT = s.slice(i + 1, ve);
        else if (ch === 115) this.aS = s.slice(i + 1, ve);
      } else if (ne - ns === 3 && s.startsWith('ref', ns)) {
        this.aR = s.slice(i + 1, ve);
      }
      i = ve + 1;
    }
  }

  /** `<c` + attributes up to '>' (or '/>'): the same effect as tag() + open(K.C). Returns the index after '>', or -1. */
  private cellOpen(s: string, from: number, n: number): number {
    this.aR = this.aT = this.aS = null;
    let col = -1;
    let style = 0;
    let i = from;
    for (;;) {
      while (i < n && s.charCodeAt(i) <= 32) i++;
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === 62 || (c === 47 && s.charCodeAt(i + 1) === 62)) {
        const selfClosing = c === 47;
        if (selfClosing && i + 1 >= n) return -1;
        this.startCell(selfClosing, col, style);
        if (selfClosing) return i + 2;
        // the whole cell at once when it is exactly <c …><v>text</v></c> (no formula, no inline string)
        const j = i + 1;
        if (s.charCodeAt(j) === 60 && s.charCodeAt(j + 1) === 118 && s.charCodeAt(j + 2) === 62) {
          const e = s.indexOf('<', j + 3);
          if (e > 0 && e + 8 <= n && s.startsWith('</v></c>', e)) {
            this.vText = e > j + 3 ? s.slice(j + 3, e) : '';
            this.hasV = true;
            this.stack.pop();
            this.endCell();
            return e + 8;
          }
        }
        return j;
      }
      const ns = i;
      while (i < n && s.charCodeAt(i) !== 61 && s.charCodeAt(i) > 32) i++;
      const ne = i;
      while (i < n && s.charCodeAt(i) !== 61) i++;
      i++;
      while (i < n && s.charCodeAt(i) <= 32) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== 34 && q !== 39) throw this.bad('属性格式错误（XML 格式错误）', 'malformed attribute (invalid XML)');
      const ve = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (ve < 0) return -1;
      if (ne - ns === 1) {
        const ch = s.charCodeAt(ns);
        if (ch === 114) col = colFrom(s, i + 1, ve);
        else if (ch === 116) this.aT = typeName(s, i + 1, ve);
        else if (ch === 115) style = intFrom(s, i + 1, ve);
      }
      i = ve + 1;
    }
  }

  private startCell(selfClosing: boolean, col = this.aR ? columnIndex(this.aR) : -1, style = this.aS ? parseInt(this.aS, 10) || 0 : 0): void {
    const c = col;
    this.cellCol = c >= 0 ? c : this.col;
    if (this.cellCol >= this.ctx.maxColumns) {
      throw this.bad(`第 ${this.rowNo} 行列数超过 ${this.ctx.maxColumns}`, `row ${this.rowNo} exceeds ${this.ctx.maxColumns} columns`);
    }
    if (selfClosing) {
      this.col = this.cellCol + 1;
      return;
    }
    this.stack.push(K.C);
    this.inCell = true;
    this.cellT = this.aT ?? '';
    this.cellS = style;
    this.hasV = this.hasIs = false;
    this.vText = this.isText = '';
  }

  private readonly dateCache = new Map<number, Cell>();

  private dateOf(num: number): Cell {
    let d = this.dateCache.get(num);
    if (d === undefined) {
      const p = excelSerialToDate(num, this.ctx.date1904);
      d = p ? ((p.time ? { date: p.date, time: p.time, serial: num } : { date: p.date, serial: num }) as DateCell) : num;
      if (this.dateCache.size < 100_000) this.dateCache.set(num, d);
    }
    return d;
  }

  private tag(s: string, lt: number, end: number): void {
    let i = lt + 1;
    const closing = s.charCodeAt(i) === 47;
    if (closing) i++;
    const nameStart = i;
    let ls = i;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 58) ls = i + 1;
      else if (c <= 32 || c === 47 || c === 62) break;
    }
    const nameEnd = i;
    const len = nameEnd - ls;
    let k = K.Other;
    const c0 = s.charCodeAt(ls);
    if (len === 1) k = c0 === 99 ? K.C : c0 === 118 ? K.V : c0 === 116 ? K.T : c0 === 102 ? K.F : K.Other;
    else if (len === 3) k = s.startsWith('row', ls) ? K.Row : s.startsWith('rPh', ls) ? K.RPh : K.Other;
    else if (len === 2) k = c0 === 105 && s.charCodeAt(ls + 1) === 115 ? K.Is : K.Other;
    else if (len === 9) k = s.startsWith('sheetData', ls) ? K.SheetData : s.startsWith('mergeCell', ls) ? K.MergeCell : K.Other;
    const key: K | string = k === K.Other ? s.slice(nameStart, nameEnd) : k;

    if (closing) {
      const top = this.stack.pop();
      if (top !== key) {
        const q = s.slice(nameStart, nameEnd);
        throw this.bad(`结束标签 </${q}> 不匹配（XML 格式错误）`, `closing tag </${q}> does not match (invalid XML)`);
      }
      this.close(k);
      return;
    }
    if (nameEnd === nameStart) throw this.bad('标签名为空（XML 格式错误）', 'empty tag name (invalid XML)');
    const selfClosing = s.charCodeAt(end - 2) === 47;
    if (!this.stack.length && this.rootSeen) throw this.bad('有多个根元素（XML 格式错误）', 'more than one root element (invalid XML)');
    this.rootSeen = true;
    if (!selfClosing) this.stack.push(key);
    if (k !== K.Other) this.open(k, s, nameEnd, end, selfClosing);
  }

  private open(k: K, s: string, from: number, to: number, selfClosing: boolean): void {
    switch (k) {
      case K.SheetData:
        this.inSheetData = !selfClosing;
        return;
      case K.Row: {
        if (!this.inSheetData) return;
        this.attrs(s, from, to);
        const r = this.aR ? parseInt(this.aR, 10) : NaN;
        this.rowNo = r > 0 ? r : this.rowNo + 1;
        this.cells = [];
        this.col = 0;
        if (selfClosing) this.endRow();
        return;
      }
      case K.C: {
        if (!this.cells) return;
        this.attrs(s, from, to);
        // tag() pushed this element already; startCell pushes again for the fast path, so undo one
        if (!selfClosing) this.stack.pop();
        this.startCell(selfClosing);
        return;
      }
      case K.V:
        if (this.inCell && !selfClosing) {
          this.capture = 1;
          this.hasV = true;
        }
        return;
      case K.Is:
        if (this.inCell) {
          this.hasIs = true;
          this.inIs = !selfClosing;
        }
        return;
      case K.RPh:
        if (!selfClosing) this.rph++;
        return;
      case K.T:
        if (this.inIs && this.rph === 0 && !selfClosing) this.capture = 2;
        return;
      case K.MergeCell:
        this.attrs(s, from, to);
        if (this.aR && this.merges.length < 100_000) this.merges.push(this.aR);
        return;
      default:
    }
  }

  private close(k: K): void {
    switch (k) {
      case K.SheetData:
        this.inSheetData = false;
        return;
      case K.Row:
        if (this.cells) this.endRow();
        return;
      case K.C:
        if (this.inCell) this.endCell();
        return;
      case K.V:
      case K.T:
        this.capture = 0;
        return;
      case K.Is:
        this.inIs = false;
        return;
      case K.RPh:
        this.rph--;
        return;
      default:
    }
  }

  private endRow(): void {
    const cells = this.cells!;
    this.cells = null;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] !== null) {
        this.out.push({ row: this.rowNo, cells });
        return;
      }
    }
  }

  private endCell(): void {
    this.inCell = false;
    this.capture = 0;
    const v = this.value();
    const cells = this.cells!;
    const c = this.cellCol;
    this.col = c + 1;
    if (v === null) return;
    while (cells.length < c) cells.push(null);
    cells[c] = v;
  }

  private value(): Cell {
    const t = this.cellT;
    const v = this.vText;
    switch (t) {
      case 's': {
        if (!this.hasV || v === '') return null;
        const sst = this.ctx.sst;
        const idx = parseInt(v, 10);
        if (!sst || !(idx >= 0 && idx < sst.length)) {
          throw this.bad(`第 ${this.rowNo} 行引用了不存在的共享字符串 ${v}`, `row ${this.rowNo} refers to missing shared string ${v}`);
        }
        return sst[idx] === '' ? null : sst[idx];
      }
      case 'str': {
        const s = xmlText(v);
        return s === '' ? null : s;
      }
      case 'inlineStr': {
        const s = this.hasIs ? unescapeXString(xmlText(this.isText)) : xmlText(v);
        return s === '' ? null : s;
      }
      case 'b':
        return v === '' ? null : v === '1' || v.toLowerCase() === 'true';
      case 'e':
        return v === '' ? null : { error: xmlText(v) };
      case 'd':
        return isoDateCell(xmlText(v));
      default: {
        if (!this.hasV || v === '') {
          if (this.hasIs) {
            const s = unescapeXString(xmlText(this.isText));
            return s === '' ? null : s;
          }
          return null;
        }
        const num = +v;
        if (Number.isNaN(num) || (v.charCodeAt(0) <= 32 && v.trim() === '')) {
          const s = xmlText(v);
          return s.trim() === '' ? null : s;
        }
        const si = this.cellS;
        if (this.ctx.isDate[si]) return this.dateOf(num);
        const w = this.ctx.padWidth[si];
        if (w && Number.isInteger(num) && num >= 0) return String(num).padStart(w, '0');
        return num;
      }
    }
  }
}
