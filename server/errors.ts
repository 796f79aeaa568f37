/** Typed service errors; each transport maps them (HTTP: status + body, CLI: exit code). */
import type { FieldErrors } from '../schema/validate';

export class ServiceError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429, message: string, readonly errors?: FieldErrors) {
    super(message);
  }
}
/** SQLite gave up waiting for a write lock held elsewhere (busy_timeout): nothing was written; HTTP answers 503. */
export const isDatabaseBusy = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'SQLITE_BUSY';
export const validationError = (message: string, errors: FieldErrors) => new ServiceError(400, message, errors);
export const badRequest = (message: string) => new ServiceError(400, message);
export const unauthenticated = (message: string) => new ServiceError(401, message);
export const forbidden = (message: string) => new ServiceError(403, message);
export const notFound = (message: string) => new ServiceError(404, message);
export const conflict = (message: string) => new ServiceError(409, message);
