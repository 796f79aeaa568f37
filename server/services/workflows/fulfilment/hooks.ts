/**
 * The fulfilment flow's part of the plain writes. An order's status is step-owned (schema/lifecycle.ts): its
 * salesperson drafts and confirms it, only the outbound slip ships it and the receipt confirmation completes
 * it — the write service enforces that for every role. What is left here is what fulfilment freezes once goods
 * left (freeze.ts).
 */
import type { WriteHooks } from '../../hooks';
import { FREEZE_HOOKS } from './freeze';

export const FULFILMENT_HOOKS: Record<string, WriteHooks> = FREEZE_HOOKS;
