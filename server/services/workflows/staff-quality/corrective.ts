/**
 * Corrective actions (第二篇 3.13「及时进行质量改进」, 第三篇 四「提出改进措施，并组织实施」): opened from the
 * complaint, quality feedback form or visit whose opinion calls for one (linked to it), carried out by its
 * owner by the due date (CORRECTIVE_ACTION_OVERDUE otherwise) and verified by QA.
 */
import { registry } from '../../../../schema/resources';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { createRecord } from '../../write';
import { dayInput, fieldError, textInput } from './text';

/** The source record's resource → the corrective action's source and link field. */
const SOURCES: Record<string, { source: string; link: string }> = {
  complaints: { source: 'complaint', link: 'complaint' },
  quality_feedback: { source: 'quality_feedback', link: 'quality_feedback' },
  visits: { source: 'visit', link: 'visit' },
};

/** The verb on a complaint, feedback form or visit: a new corrective action linked to it; the source itself is unchanged. */
export function openCorrectiveAction(resource: string) {
  return async (ctx: ServiceContext, row: Row, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const { source, link } = SOURCES[resource];
    const due = dayInput(ctx, input, 'due_date');
    if (due < ctx.clock.today()) fieldError(ctx, 'due_date', `完成期限（${due}）不能早于今天`, `The due date (${due}) cannot be in the past`);
    await createRecord(
      ctx,
      registry.get('corrective_actions')!,
      {
        source,
        [link]: row.id,
        cause: textInput(ctx, input, 'cause'),
        action: textInput(ctx, input, 'action'),
        owner: textInput(ctx, input, 'owner'),
        due_date: due,
      },
      { reason: ctx.lang === 'en' ? `opened from ${resource} #${row.id}` : `由${registry.get(resource)!.label[0]}提出` },
    );
    return {};
  };
}

export const correctiveSteps = {
  complete: (ctx: ServiceContext, row: Row, input: Record<string, unknown>) => {
    const done = dayInput(ctx, input, 'completed_at', ctx.clock.today());
    const opened = String(row.created_at ?? '').slice(0, 10);
    if (done > ctx.clock.today() || (opened && done < opened)) {
      fieldError(
        ctx,
        'completed_at',
        `完成日期应在 ${opened || '…'} 至 ${ctx.clock.today()} 之间`,
        `The completion date must lie between ${opened || '…'} and ${ctx.clock.today()}`,
      );
    }
    return { result: textInput(ctx, input, 'result'), completed_at: done, status: 'done' };
  },
  verify: (ctx: ServiceContext, _row: Row, input: Record<string, unknown>) => ({
    verification: textInput(ctx, input, 'verification'),
    verified_by: ctx.actor.display_name,
    verified_at: ctx.clock.today(),
    status: 'verified',
  }),
};

/** A plain write names the record its source says it came from (a complaint's action links the complaint). */
export function checkCorrectiveLink(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): void {
  const m = { ...(current ?? {}), ...values };
  const wanted = Object.values(SOURCES).find((s) => s.source === m.source);
  if (wanted && m[wanted.link] == null) {
    const label = registry.get('corrective_actions')!.fields[wanted.link].label;
    fieldError(
      ctx,
      wanted.link,
      `来源为「${registry.get('corrective_actions')!.fields.source.enum!.labels[m.source as string][0]}」时须填写${label[0]}`,
      `A corrective action from this source names its ${label[1]}`,
    );
  }
}
