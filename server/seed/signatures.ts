/**
 * The electronic signatures the approvals in the demo data would carry: QA's first-business approvals,
 * contract approvals, price approvals, outbound reviews and complaint closures, each by the demo user who
 * holds that role and dated when the approval happened.
 */
import { registry } from '../../schema/resources';
import { writeAudit } from '../services/audit';
import type { Actor } from '../services/context';
import { findRow } from '../services/records';
import { writeSignature } from '../services/sign';
import { SEED_REASON, type Writer } from './writer';

export interface SignTask {
  resource: string;
  id: number;
  meaning: string;
  signer: Actor;
  /** when it was signed (ISO timestamp, China time) */
  at: string;
  comment?: string | null;
}

export async function writeSignatures(w: Writer, tasks: SignTask[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += 500) {
    await w.tx(async () => {
      for (const t of tasks.slice(i, i + 500)) {
        const res = registry.get(t.resource)!;
        const row = (await findRow(w.current.db, res, t.id))!;
        const when = new Date(t.at);
        // Signed then, by the signer; recorded (and audited) now, by the seed.
        const signed = await writeSignature(
          { ...w.current, actor: t.signer, clock: { now: () => when, today: () => t.at.slice(0, 10) } },
          res,
          row,
          t.meaning,
          t.comment ?? null,
        );
        await writeAudit(w.current, 'sign', 'signatures', signed.id, null, signed, SEED_REASON);
      }
    });
  }
}
