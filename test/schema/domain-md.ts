/**
 * A reader for DOMAIN.md's resource notation: `- **name** 标签: key* 中文 type, key→res …`.
 * `*` = required, `→res` = reference, `[a 甲 | b 乙]` = enum, `list`, `bool`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DomainField {
  key: string;
  required: boolean;
  ref?: string;
  enumKeys?: string[];
  list: boolean;
  bool: boolean;
  text: string;
}
export interface DomainResource {
  name: string;
  section: string;
  fields: DomainField[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** DOMAIN.md lives beside the repo (../shared) or in it; GSP_DOMAIN_MD overrides. */
export function findDomainMd(): string | undefined {
  const candidates = [process.env.GSP_DOMAIN_MD, path.join(ROOT, 'DOMAIN.md'), path.join(ROOT, 'docs/DOMAIN.md'), path.join(ROOT, '../shared/DOMAIN.md')];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

/** Splits on commas outside () and []. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if ('([（'.includes(ch)) depth++;
    if (')]）'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

function parseField(text: string): DomainField | undefined {
  const m = /^([a-z][a-z0-9_]*)(\*)?(?:→([a-z_]+))?(?=\s|$)/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const outside = rest.replace(/\([^)]*\)/g, '');
  const bracket = /\[([^\]]+)\]/.exec(outside);
  return {
    key: m[1],
    required: !!m[2],
    ref: m[3],
    enumKeys: bracket ? bracket[1].split('|').map((o) => o.trim().split(/\s+/)[0]) : undefined,
    list: /(^|\s)list(\s|$|\[)/.test(outside),
    bool: /(^|\s)bool(\s|$)/.test(outside),
    text,
  };
}

/** The resources of the `##` sections Parties … After-sales (every `**name**` of their bullets). */
export function parseDomain(md: string): DomainResource[] {
  const out: DomainResource[] = [];
  let section = '';
  for (const line of md.split('\n')) {
    const h = /^##\s+(.*)$/.exec(line);
    if (h) section = h[1].trim();
    if (!['Parties', 'Products', 'Sales', 'Fulfilment and finance', 'After-sales'].includes(section)) continue;
    if (!line.startsWith('- **')) continue;
    // A bullet may define several resources: "…; **invoice_slips** links …; **invoice_lines** 发票明细: a*, b*."
    const parts = line.slice(2).split(/(?=\*\*[a-z_]+\*\*)/);
    for (const part of parts) {
      const nm = /^\*\*([a-z_]+)\*\*([^:]*)(?::\s*(.*))?$/.exec(part.trim().replace(/;\s*$/, ''));
      if (!nm) continue;
      const body = (nm[3] ?? '').replace(/[.;]\s*$/, '');
      const fields =
        nm[3] === undefined
          ? []
          : splitTopLevel(body)
              .map(parseField)
              .filter((f): f is DomainField => !!f);
      out.push({ name: nm[1], section, fields });
    }
  }
  return out;
}
