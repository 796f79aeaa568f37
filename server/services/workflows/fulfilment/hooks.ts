/**
 * The fulfilment flow's part of the plain writes. An order's status is step-owned (schema/lifecycle.ts): its
 * salesperson drafts and confirms it, only the outbound slip ships it and the receipt confirmation completes
 * it — the write service enforces that for every role, so nothing is left for a hook here yet.
 */
import type { WriteHooks } from '../../hooks';

export const FULFILMENT_HOOKS: Record<string, WriteHooks> = {};
