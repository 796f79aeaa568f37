/**
 * Turns client input into column values, field by field, from the registry: the one place that knows
 * what a date, an enum or a list looks like on the wire. Used by the API services (and the importer
 * after its own normalising), so both accept and refuse exactly the same values.
 */
import { isCreditCode, isIdNumber } from './checks';
import type { FieldSpec, Resource } from './define';
import type { EnumDef } from './enums';
import { msg, type Lang } from './messages';
import { splitListText } from './text/list';

export type FieldErrors = Record<string, string>;
export interface ParseOptions {
  lang: Lang;
  /** create: every required field must be present; update: only the keys sent are parsed */
  mode: 'create' | 'update';
  /** historical records (imports) may lack the `legacy` required fields; rules flag them instead */
  historical?: boolean;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The allowed values as the user knows them: labels in the user's language, listed the way that language lists. */
const enumOptions = (e: EnumDef, lang: Lang) => e.values.map((k) => e.labels[k][lang === 'en' ? 1 : 0]).join(lang === 'en' ? ', ' : '、');

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (error: string): Parsed => ({ ok: false, error });

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function parseValue(spec: FieldSpec, v: unknown, lang: Lang): Parsed {
  switch (spec.kind) {
    case 'text':
    case 'textarea':
    case 'password': {
      if (typeof v !== 'string' && typeof v !== 'number') return bad(msg(lang, 'not_text'));
      // A password is kept exactly as typed (its policy: server/auth/password-policy.ts); text is trimmed.
      if (spec.kind === 'password') {
        if (typeof v !== 'string') return bad(msg(lang, 'not_text'));
        return [...v].length < 10 ? bad(msg(lang, 'password_short')) : ok(v);
      }
      const s = String(v).trim();
      if (spec.check === 'credit_code' && !isCreditCode(s.toUpperCase())) return bad(msg(lang, 'bad_credit_code'));
      if (spec.check === 'id_no' && !isIdNumber(s)) return bad(msg(lang, 'bad_id_no'));
      return ok(spec.check ? s.toUpperCase() : s);
    }
    case 'int':
    case 'ref': {
      const n = toNumber(v);
      if (n === undefined || !Number.isInteger(n)) return bad(msg(lang, spec.kind === 'ref' ? 'not_ref' : 'not_integer'));
      if (spec.kind === 'ref' && n <= 0) return bad(msg(lang, 'not_ref'));
      return ok(n);
    }
    case 'number':
    case 'money': {
      const n = toNumber(v);
      if (n === undefined) return bad(msg(lang, 'not_number'));
      if (n < 0) return bad(msg(lang, 'negative'));
      return ok(spec.kind === 'money' ? Math.round(n * 100) / 100 : n);
    }
    case 'date': {
      // react-admin's DateInput sends YYYY-MM-DD; accept a full ISO timestamp's date part too.
      const t = typeof v === 'string' ? v.trim() : '';
      const s = /^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t)) ? t.slice(0, 10) : t;
      return isValidDate(s) ? ok(s) : bad(msg(lang, 'not_date'));
    }
    case 'datetime': {
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      if (Number.isNaN(t)) return bad(msg(lang, 'not_datetime'));
      return ok(isValidDate(v as string) ? v : new Date(t).toISOString());
    }
    case 'bool': {
      if (typeof v === 'boolean') return ok(v);
      if (v === 1 || v === '1' || v === 'true') return ok(true);
      if (v === 0 || v === '0' || v === 'false') return ok(false);
      return bad(msg(lang, 'not_bool'));
    }
    case 'enum': {
      const s = String(v);
      if (!spec.enum!.values.includes(s)) {
        return bad(msg(lang, 'not_enum', { value: s, options: enumOptions(spec.enum!, lang) }));
      }
      return ok(s);
    }
    case 'list': {
      const items = Array.isArray(v) ? v : typeof v === 'string' ? splitListText(v, spec.vocabulary) : null;
      if (!items || items.some((x) => typeof x !== 'string')) return bad(msg(lang, 'not_list'));
      const list = [...new Set((items as string[]).map((x) => x.trim()).filter(Boolean))];
      for (const x of list) {
        if (spec.enum && !spec.enum.values.includes(x)) {
          return bad(msg(lang, 'not_enum', { value: x, options: enumOptions(spec.enum, lang) }));
        }
        if (spec.vocabulary && !spec.vocabulary.includes(x)) return bad(msg(lang, 'not_in_vocabulary', { value: x }));
      }
      return ok(list);
    }
    case 'json':
      return ok(v);
  }
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Parses the writable fields of `input`; unknown keys and system fields are ignored. */
export function parseRecord(resource: Resource, input: Record<string, unknown>, opts: ParseOptions) {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [key, spec] of Object.entries(resource.fields)) {
    if (spec.readOnly || spec.derive) continue;
    const present = key in input;
    if (!present && opts.mode === 'update') continue;
    const v = input[key];
    if (isEmpty(v)) {
      const excused = opts.historical && spec.legacy;
      if (spec.required && !excused && !(opts.mode === 'create' && spec.default !== undefined)) {
        errors[key] = msg(opts.lang, 'required');
      } else if (present && spec.kind !== 'password') {
        values[key] = spec.kind === 'list' ? [] : null;
      }
      continue;
    }
    const r = parseValue(spec, v, opts.lang);
    if (r.ok) values[key] = r.value;
    else errors[key] = r.error;
  }
  return { values, errors };
}
