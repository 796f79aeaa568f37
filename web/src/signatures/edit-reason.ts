/**
 * Mirrors the server's editNeedsReason (server/services/sign.ts): once a record is approved, signed or closed,
 * or carries an electronic signature, every further edit must say why (the form then requires 修改原因).
 */
const FINAL_STATES = new Set(['approved', 'signed', 'closed']);

export function needsChangeReason(record: Record<string, unknown> | undefined, signatureCount = 0): boolean {
  if (!record) return false;
  return record.qa_status === 'approved' || FINAL_STATES.has(record.status as string) || signatureCount > 0;
}
