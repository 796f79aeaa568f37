/**
 * react-admin's queries with a retry policy that never retries a 4xx: a 401 from /api/auth/me (signed out)
 * or a 403 is an answer, not a glitch. With react-query's default (3 retries with back-off) a signed-out
 * visit showed a spinner for ~8 s before the login form (issue 13 item 1). Network errors and 5xx still retry.
 * Auth queries start from the answer the auth provider already knows (authAnswerNow), so no screen waits a
 * render pass for it.
 */
import { QueryClient } from '@tanstack/react-query';
import { authAnswerNow } from './auth-provider';
import { isSeededList } from '../boot/list-seed';

const MAX_RETRIES = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry },
    mutations: { retry: false },
  },
});

const defaults = queryClient.defaultQueryOptions.bind(queryClient);
queryClient.defaultQueryOptions = ((options: Parameters<typeof defaults>[0]) => {
  const defaulted = defaults(options);
  if (defaulted.initialData === undefined && defaulted.queryKey?.[0] === 'auth') {
    const answer = authAnswerNow(defaulted.queryKey);
    // Roles change only with a new sign-in, which clears the cache: the answer stays good until then.
    if (answer !== undefined) return { ...defaulted, initialData: answer, staleTime: Number.POSITIVE_INFINITY };
  }
  // The list the page opened on, already in the cache (boot/list-seed.ts): its screen shows it without asking again.
  if (isSeededList(defaulted.queryHash)) return { ...defaulted, staleTime: Number.POSITIVE_INFINITY };
  return defaulted;
}) as typeof queryClient.defaultQueryOptions;
