/**
 * A request body checked against its zod schema (schema/bodies.ts): the parsed value, or a 400 whose field
 * errors name each wrong field in the request's language (Chinese first). The JSON text itself was checked
 * by input.ts before any route runs.
 */
import type { z } from 'zod';
import { bodyErrors } from '../../schema/bodies';
import { type Lang, type MessageKey, msg } from '../../schema/messages';
import { badRequest, validationError } from '../errors';

/** `message`: the answer's headline (default: the one field's error, or "check the marked fields"). */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, lang: Lang, message?: MessageKey): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const errors = bodyErrors(parsed.error, lang);
  const fields = Object.entries(errors);
  const headline = message
    ? msg(lang, message)
    : fields.length === 1
      ? `${fields[0][0]}${lang === 'en' ? ': ' : '：'}${fields[0][1]}`
      : msg(lang, 'invalid_input');
  throw validationError(headline, errors);
}

/**
 * The JSON body (empty → {}), as the client sent it: its shape is the schema's to judge. input.ts has checked
 * it, except under a multipart Content-Type, so text that is not JSON is still a 400 here.
 */
export async function jsonOf(req: { text(): Promise<string> }, lang: Lang): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(msg(lang, 'invalid_json'));
  }
}
