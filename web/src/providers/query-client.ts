/**
 * react-admin's queries with a retry policy that never retries a 4xx: a 401 from /api/auth/me (signed out)
 * or a 403 is an answer, not a glitch. With react-query's default (3 retries with back-off) a signed-out
 * visit showed a spinner for ~8 s before the login form (issue 13 item 1). Network errors and 5xx still retry.
 */
import { QueryClient } from '@tanstack/react-query';

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
