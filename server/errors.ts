/** Typed service errors; each transport maps them (HTTP: status + body, CLI: exit code). */
import type { FieldErrors } from '../schema/validate';

export class ServiceError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 428 | 429 | 503 | 507,
    message: string,
    readonly errors?: FieldErrors,
  ) {
    super(message);
  }
}
export { isDatabaseBusy } from './db/errors';
/**
 * The disk (or the database's size limit) is full: SQLite says SQLITE_FULL, the file system ENOSPC, PostgreSQL
 * 53100 disk_full (Drizzle's node-postgres driver wraps it: the pg error is the cause). Nothing was written (the
 * transaction rolled back); HTTP answers 507 with a message an operator can act on.
 */
export const isDiskFull = (e: unknown): boolean => {
  const err = e as { code?: string; message?: unknown; cause?: { code?: string } } | null;
  const code = err?.code ?? err?.cause?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100' || (code === 'SQLITE_IOERR_WRITE' && /no space|disk/i.test(String(err?.message)));
};
export const preconditionRequired = (message: string) => new ServiceError(428, message);
export const validationError = (message: string, errors: FieldErrors) => new ServiceError(400, message, errors);
export const badRequest = (message: string) => new ServiceError(400, message);
export const unauthenticated = (message: string) => new ServiceError(401, message);
export const forbidden = (message: string) => new ServiceError(403, message);
export const notFound = (message: string) => new ServiceError(404, message);
export const conflict = (message: string) => new ServiceError(409, message);
