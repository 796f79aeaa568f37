/**
 * fetchJson with the session cookie and the UI language, plus the error shapes the console relies on:
 * 409 becomes a translated "changed by someone else" message; a 400 with field errors always carries a
 * root message so the form notification says what the server said.
 */
import { fetchUtils, HttpError } from 'ra-core';
import { currentLocale } from './locale';
import { takePrefetched } from '../boot/list-prefetch';

export const API_URL = '/api';

export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  // The list the page opened on, asked for as the page started (boot/list-prefetch.ts): its answer, if good.
  const early = !options.method || options.method === 'GET' ? takePrefetched(url) : undefined;
  const answer = early && (await early.catch(() => undefined));
  if (answer?.ok) {
    try {
      return { status: answer.status, headers: answer.headers, body: answer.body, json: JSON.parse(answer.body) };
    } catch {
      /* not JSON after all: ask again below */
    }
  }
  const headers = new Headers(options.headers as HeadersInit | undefined);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  headers.set('Accept-Language', currentLocale());
  return fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' }).catch((error: unknown) => Promise.reject(normaliseError(error)));
}

export function normaliseError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = error.body ?? {};
  if (error.status === 409) {
    // Notification translates message keys, so the conflict reads the same in every screen.
    return new HttpError('gsp.error.conflict', 409, { ...body, serverMessage: body.message });
  }
  if (error.status === 400 && body.errors && typeof body.errors === 'object') {
    const root = body.errors.root ?? {};
    if (!root.serverError) {
      const message = body.message ?? 'gsp.error.invalid';
      return new HttpError(message, 400, { ...body, errors: { ...body.errors, root: { ...root, serverError: message } } });
    }
  }
  return error;
}
