/**
 * Small XML tools for the XLSX parts we read whole (workbook, relationships, styles, shared strings): a
 * tokenizer that checks nesting and refuses text outside the root element (so a damaged part is reported,
 * not half-read), attribute lookup by local name, entity and `_xHHHH_` decoding.
 */
import { ImportFileError } from './errors';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

/** XML character and entity references → text (unknown named entities are kept as written). */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e] ?? m;
  });
}

/** Line ends as an XML parser delivers them (XML 1.0 §2.11): CRLF and a lone CR become LF. */
export function normalizeLineEnds(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/**
 * Character data → text, as Excel reads it: line ends normalised first, then references decoded, so a CR
 * written as `&#13;` (or `_x000D_`, see unescapeXString) stays a CR while a literal CRLF is one line break.
 */
export function xmlText(raw: string): string {
  return decodeEntities(normalizeLineEnds(raw));
}

/** OOXML ST_Xstring escapes: `_x000D_` → CR, `_x005F_` → `_`. */
export function unescapeXString(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export const corruptPart = (part: string, zh: string, en: string) => new ImportFileError('corrupt', { detail: `${part}：${zh}`, detail_en: `${part}: ${en}` });

/** Value of the attribute whose local name is `name` (`r:id` matches 'id'; `xmlns:*` never matches). */
export function attr(attrs: string, name: string): string | undefined {
  let i = 0;
  const n = attrs.length;
  while (i < n) {
    while (i < n && attrs.charCodeAt(i) <= 32) i++;
    const eq = attrs.indexOf('=', i);
    if (eq < 0) return undefined;
    const qname = attrs.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && attrs.charCodeAt(q) <= 32) q++;
    const quote = attrs[q];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = attrs.indexOf(quote, q + 1);
    if (close < 0) return undefined;
    const colon = qname.indexOf(':');
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (local === name && !qname.startsWith('xmlns')) return decodeEntities(attrs.slice(q + 1, close));
    i = close + 1;
  }
  return undefined;
}

export interface XmlHandlers {
  /** local name (prefix removed), raw attribute text */
  open?(local: string, attrs: string, selfClosing: boolean): void;
  close?(local: string): void;
  /** raw text between tags (entities not decoded); CDATA content is passed decoded-ready with cdata=true */
  text?(raw: string, cdata: boolean): void;
}

/** Index just past the '>' that ends the tag opened at `lt`, or -1. Quoted attribute values may hold '>'. */
export function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

const localName = (q: string) => {
  const c = q.indexOf(':');
  return c < 0 ? q : q.slice(c + 1);
};

/** Tokenizes a whole part; throws ImportFileError('corrupt') when it is not well-formed enough to trust. */
export function scanXml(xml: string, h: XmlHandlers, part: string): void {
  const stack: string[] = [];
  let rootSeen = false;
  let pos = 0;
  const n = xml.length;
  const bad = (zh: string, en: string) => corruptPart(part, zh, en);
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      if (stack.length) h.text?.(xml.slice(pos, textEnd), false);
      else if (/\S/.test(xml.slice(pos, textEnd).replace(/^\uFEFF/, ''))) {
        throw bad('根元素之外有多余文本', 'text outside the root element');
      }
    }
    if (lt < 0) break;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) throw bad('处理指令未结束', 'unterminated processing instruction');
      pos = e + 2;
      continue;
    }
    if (c1 === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) throw bad('注释未结束', 'unterminated comment');
        pos = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (e < 0) throw bad('CDATA 未结束', 'unterminated CDATA');
        if (stack.length) h.text?.(xml.slice(lt + 9, e), true);
        pos = e + 3;
      } else {
        const e = tagEnd(xml, lt + 2);
        if (e < 0) throw bad('声明未结束', 'unterminated declaration');
        pos = e;
      }
      continue;
    }
    const end = tagEnd(xml, lt + 1);
    if (end < 0) throw bad('标签未结束（文件被截断？）', 'unterminated tag (truncated?)');
    if (c1 === 47 /* / */) {
      const q = xml.slice(lt + 2, end - 1).trim();
      const top = stack.pop();
      if (top !== q) throw bad(`结束标签 </${q}> 与 <${top ?? ''}> 不匹配`, `closing tag </${q}> does not match <${top ?? ''}>`);
      h.close?.(localName(q));
    } else {
      let i = lt + 1;
      while (i < end - 1) {
        const c = xml.charCodeAt(i);
        if (c <= 32 || c === 47 || c === 62) break;
        i++;
      }
      const q = xml.slice(lt + 1, i);
      if (!q) throw bad('标签名为空', 'empty tag name');
      const selfClosing = xml.charCodeAt(end - 2) === 47;
      if (!stack.length && rootSeen) throw bad('有多个根元素', 'more than one root element');
      rootSeen = true;
      const attrs = xml.slice(i, selfClosing ? end - 2 : end - 1);
      h.open?.(localName(q), attrs, selfClosing);
      if (selfClosing) h.close?.(localName(q));
      else stack.push(q);
    }
    pos = end;
  }
  if (stack.length) throw bad(`元素 <${stack[stack.length - 1]}> 未结束（文件被截断？）`, `element <${stack[stack.length - 1]}> is not closed (truncated?)`);
  if (!rootSeen) throw bad('没有内容', 'no content');
}

/** Bytes of a part → text (UTF-8, or UTF-16 with a BOM as some writers produce). */
export function partText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
