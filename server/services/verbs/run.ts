/**
 * Runs a signed workflow verb: role check, password re-entry, then one transaction that applies the
 * verb's changes (audited), writes the signature and its audit row.
 */
import { ROLE } from '../../../schema/enums';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { badRequest, forbidden, notFound, validationError } from '../../errors';
import { checkScope } from '../../auth/rbac';
import { writeAudit } from '../audit';
import { inTransaction, type ServiceContext } from '../context';
import { findRow, readRecord, serialize } from '../records';
import { confirmPassword, writeSignature } from '../sign';
import { applyChanges } from '../write';
import { resolveSupersededIfApproved } from '../lifecycle';
import { enforceRules } from '../rules/enforce';
import { findVerb } from './index';
import { legacyDocument } from './legacy-guard';

export async function runVerb(ctx: ServiceContext, resourceName: string, id: number, verb: string, input: Record<string, unknown>) {
  return (await runVerbMany(ctx, resourceName, [id], verb, input))[0];
}

/** The same verb on several records (QA's bulk actions): one password check, one transaction, a signature each. */
export async function runVerbMany(ctx: ServiceContext, resourceName: string, ids: number[], verb: string, input: Record<string, unknown>) {
  const resource = registry.get(resourceName);
  const def = findVerb(resourceName, verb);
  if (!resource || !def) throw notFound(msg(ctx.lang, 'unknown_verb', { resource: resourceName, verb }));
  if (!def.roles.some((r) => ctx.actor.roles.includes(r))) {
    const roles = def.roles.map((r) => ROLE.labels[r][ctx.lang === 'en' ? 1 : 0]).join('、');
    throw forbidden(msg(ctx.lang, 'verb_role', { verb, roles }));
  }
  const comment = typeof input.comment === 'string' && input.comment.trim() ? input.comment.trim() : null;
  if (def.commentRequired && !comment) throw validationError(msg(ctx.lang, 'invalid_input'), { comment: msg(ctx.lang, 'required') });
  const signed = def.signed;
  if (signed) await confirmPassword(ctx, input.password);
  return inTransaction(ctx, async (tx) => {
    const out = [];
    for (const id of ids) {
      const current = await findRow(tx.db, resource, id);
      if (!current || current.voided_at) throw notFound(msg(ctx.lang, 'not_found', { resource: resourceName, id }));
      await checkScope(tx.db, ctx.actor, resource, current, ctx.lang, 'edit');
      const legacy = await legacyDocument(tx.db, resource, current);
      if (legacy) throw badRequest(msg(ctx.lang, 'legacy_document', legacy));
      if (def.noSelfApproval && current.created_by != null && current.created_by === ctx.actor.id) throw forbidden(msg(ctx.lang, 'self_approval'));
      if (!def.ready(current)) {
        throw badRequest(def.notReady ? def.notReady[ctx.lang] : msg(ctx.lang, 'verb_state', { detail: String(current.status ?? current.qa_status ?? '') }));
      }
      const changes = await def.apply(tx, current, input);
      // The verb's roles are its permission: the generic edit grants and field guards do not apply.
      await applyChanges(tx, resource, current, changes, { reason: comment ?? def.meaning });
      // re-read: a step may have written the record itself (an unwind step voids it)
      const row = (await findRow(tx.db, resource, id))!;
      await resolveSupersededIfApproved(tx, resource, row);
      // The rules see the step at once: a finding it settles (a recall notice sent, an adverse reaction
      // forwarded) resolves now. A verb refuses what it must itself (apply throws), so nothing is refused here.
      await enforceRules(tx, resourceName, (await findRow(tx.db, resource, id))!, { historical: true });
      if (!signed) {
        out.push({ record: (await readRecord(tx.db, resource, id, tx.lang))!, signature: null });
        continue;
      }
      const signature = await writeSignature(tx, resource, row, def.meaning, comment);
      await writeAudit(tx, 'sign', 'signatures', signature.id, null, signature, comment);
      out.push({ record: (await readRecord(tx.db, resource, id, tx.lang))!, signature: serialize(registry.get('signatures')!, signature) });
    }
    return out;
  });
}
