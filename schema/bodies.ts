/**
 * The request bodies that are not a resource's record (those are checked by schema/validate.ts from the
 * registry): sign-in, password change, workflow verbs, invoice issue, the import form. One zod schema each,
 * checked at the edge of the API (server/http/body.ts), so a wrong shape is a 400 naming the field in
 * Chinese or English, never a 500 or a value silently ignored. A schema's `error` is a message key of
 * messages.ts; bodyErrors() turns zod's issues into the API's field errors.
 */
import { z } from 'zod';
import { isMessageKey, type Lang, type MessageKey, msg } from './messages';
import { isValidDate } from './validate';
import type { VerbSpec } from './verb-spec';

/** A non-empty string (after trimming for names); empty or missing is "required". */
const filled = (trim = false) => (trim ? z.string({ error: 'not_text' }).trim() : z.string({ error: 'not_text' })).min(1, { error: 'required' });
const optionalText = z.string({ error: 'not_text' }).nullish();
/** A record id as JSON number or digits (react-admin sends either). */
const recordId = z.union(
  [
    z.int({ error: 'not_ref' }).positive({ error: 'not_ref' }),
    z
      .string()
      .regex(/^[1-9]\d{0,15}$/, { error: 'not_ref' })
      .transform(Number),
  ],
  { error: 'not_ref' },
);

export const LOGIN_BODY = z.object({ username: filled(true), password: filled() }, { error: 'not_object' });

export const PASSWORD_CHANGE_BODY = z.object({ current_password: filled(), password: filled() }, { error: 'not_object' });

/** The values a verb's dialog may send, typed by its declared input kind; what they mean is the verb's to check. */
const INPUT_TYPES = {
  text: optionalText,
  date: optionalText,
  // a choice's id; a yes/no choice may come as a boolean from an API client
  select: z.union([z.string(), z.boolean()], { error: 'not_text' }).nullish(),
  number: z.union([z.number(), z.string()], { error: 'not_number' }).nullish(),
} as const;

const verbFields = (spec: VerbSpec | undefined) => ({
  password: optionalText,
  comment: optionalText,
  ...Object.fromEntries((spec?.inputs ?? []).map((i) => [i.key, INPUT_TYPES[i.kind]])),
});

/** POST /api/:res/:id/:verb — the password (signed verbs), the comment and the verb's declared inputs. */
export const verbBody = (spec: VerbSpec | undefined) => z.looseObject(verbFields(spec), { error: 'not_object' });

/** POST /api/:res/bulk/:verb — the same, for several records at once. */
export const bulkVerbBody = (spec: VerbSpec | undefined) =>
  z.looseObject({ ...verbFields(spec), ids: z.array(recordId, { error: 'not_list' }).min(1, { error: 'required' }) }, { error: 'not_object' });

/** POST /api/workflows/fulfilment/invoices — the reviewed slips to invoice and the invoice's own fields. */
export const INVOICE_BODY = z.looseObject(
  {
    slips: z.array(recordId, { error: 'not_list' }).min(1, { error: 'wf_invoice_no_slips' }),
    invoice_no: optionalText,
    type: optionalText,
    form: z.enum(['itemised', 'list_attached'], { error: 'not_enum' }).nullish(),
    invoice_date: optionalText,
  },
  { error: 'not_object' },
);

const flag = z
  .string({ error: 'not_bool' })
  .optional()
  .transform((v) => !!v && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()));

/** The text fields of POST /api/imports (multipart, beside the file). */
export const IMPORT_FORM = z.object({
  // which kinds exist and who may import them is the importer's to answer (checkKind, checkMayImport)
  kind: z
    .string({ error: 'not_text' })
    .trim()
    .optional()
    .transform((v) => v ?? ''),
  // header → field (or null), as JSON text
  mapping: z
    .string({ error: 'not_text' })
    .optional()
    .transform((text, ctx) => {
      if (!text?.trim()) return undefined;
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, string | null>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'import_mapping_json' });
      return z.NEVER;
    }),
  headerRow: z
    .string({ error: 'not_integer' })
    .trim()
    .regex(/^\d*$/, { error: 'not_integer' })
    .optional()
    .transform((v) => (v ? Number(v) : undefined)),
  // the date the time-based rules judge legacy rows against (the CLI's --as-of)
  asOf: z
    .string({ error: 'import_as_of' })
    .trim()
    .refine((v) => v === '' || isValidDate(v), { error: 'import_as_of' })
    .optional()
    .transform((v) => v || undefined),
  dryRun: flag,
  force: flag,
  sheet: z
    .string({ error: 'not_text' })
    .optional()
    .transform((v) => v?.trim() || undefined),
});

/** zod's issues as the API's field errors: `{ "ids.2": "应为所引用记录的 ID" }`; the body itself is "body". */
export function bodyErrors(error: z.ZodError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'body';
    out[field] ??= issueText(issue, lang);
  }
  return out;
}

function issueText(issue: z.core.$ZodIssue, lang: Lang): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return msg(lang, 'required');
  const key: MessageKey = isMessageKey(issue.message) ? issue.message : 'invalid_input';
  const options = issue.code === 'invalid_value' ? issue.values.map(String).join('、') : '';
  return msg(lang, key, { value: 'input' in issue ? String(issue.input ?? '') : '', options });
}
