/**
 * The edge of the API: every JSON body, query string and X-Reason header is checked once here, before any
 * route reads it, so a bad input is a 400 with a message (zh/en), never a 500 deeper in:
 * - a body that is not JSON, or nested deeper than MAX_JSON_DEPTH;
 * - ill-formed Unicode (lone surrogates) in any body string or key, query key or value (schema/unicode.ts);
 * - an X-Reason header that is not valid URI-encoded UTF-8.
 * Multipart uploads have their own reader (import-routes.ts); their text is decoded as UTF-8, which cannot
 * yield a lone surrogate.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { msg, type Lang } from '../../schema/messages';
import { isWellFormed, jsonProblem } from '../../schema/unicode';
import type { AppEnv } from '../env';
import { badRequest } from '../errors';

export const MAX_JSON_DEPTH = 64;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Parses and checks a JSON text; `what` names it in the message. */
export function checkedJson(text: string, lang: Lang, what = 'JSON'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(msg(lang, 'invalid_json'));
  }
  const problem = jsonProblem(value, MAX_JSON_DEPTH);
  if (problem?.problem === 'depth') throw badRequest(msg(lang, 'json_too_deep', { max: MAX_JSON_DEPTH }));
  if (problem) throw badRequest(msg(lang, 'ill_formed_text', { where: `${what} ${problem.path}` }));
  return value;
}

/** The X-Reason header (URI-encoded, as the console sends it), decoded; 400 when it does not decode. */
export function reasonHeader(c: Context<AppEnv>): string | undefined {
  const raw = c.req.header('x-reason');
  if (raw === undefined || raw === '') return undefined;
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    const lang = c.get('lang');
    throw badRequest(msg(lang, 'bad_header', { header: 'X-Reason', detail: lang === 'en' ? 'not URI-encoded UTF-8' : '应为 URI 编码的 UTF-8 文本' }));
  }
  return text;
}

export function checkedInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const lang = c.get('lang');
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (!isWellFormed(key) || values.some((v) => !isWellFormed(v))) throw badRequest(msg(lang, 'ill_formed_text', { where: `?${key}` }));
    }
    reasonHeader(c);
    if (!BODYLESS.has(c.req.method) && !/^multipart\//i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text(); // cached by Hono: the route reads it again for free
      if (text.trim()) checkedJson(text, lang, lang === 'en' ? 'field' : '字段');
    }
    await next();
  };
}
