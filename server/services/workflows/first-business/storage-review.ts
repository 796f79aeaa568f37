/** The storage review of a cold-chain customer (第二篇 3.5): dated today, the findings in the signed comment. */
import type { ServiceContext } from '../../context';

export function storageReview(ctx: ServiceContext): Record<string, unknown> {
  return { storage_reviewed_at: ctx.clock.today() };
}
