/**
 * What the office may not issue (第二篇 3.6.4): a letter without the company seal and the legal
 * representative's seal, or one whose term ends before it starts — nor, when it is issued (created, or moved
 * to another salesperson), a letter for a salesperson not qualified today (第二篇 3.2 不得为非本公司销售人员
 * 提供, 3.3, 3.12; 第四篇 一.1: a labour contract, a valid permit and a passed training, the same
 * qualificationGaps the sale rule SALESPERSON_UNQUALIFIED reads, with a passed training required).
 * Live writes only: a historical import keeps what was on paper and the rule SALESPERSON_UNAUTHORIZED flags an
 * unsealed letter instead.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { qualificationGaps, type SalespersonRow } from '../../../../schema/rules';
import { salespeople, trainings } from '../../../../schema/tables';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import { loadSettings } from '../../settings';

async function unqualified(ctx: ServiceContext, id: number): Promise<string | null> {
  const s = (await ctx.db.select().from(salespeople).where(eq(salespeople.id, id)).get()) as SalespersonRow | undefined;
  if (!s) return null;
  const held = await ctx.db
    .select()
    .from(trainings)
    .where(and(eq(trainings.salesperson, id), isNull(trainings.voided_at)))
    .all();
  const today = ctx.clock.today();
  const gaps = qualificationGaps(s, held, today, { graceDays: (await loadSettings(ctx.db)).qualificationGraceDays, requireTraining: true });
  if (!gaps.length) return null;
  return ctx.lang === 'en'
    ? `[SALESPERSON_UNQUALIFIED] No letter can be issued to "${s.name}" today (${today}): ${gaps.map((g) => g.en).join('; ')}.`
    : `[SALESPERSON_UNQUALIFIED] 销售人员「${s.name}」今天（${today}）不具备上岗资格，不能签发授权书：${gaps.map((g) => g.zh).join('；')}。`;
}

export async function checkLetter(ctx: ServiceContext, letter: Record<string, unknown>, issued = false): Promise<void> {
  const errors: Record<string, string> = {};
  const person = issued && typeof letter.salesperson === 'number' ? await unqualified(ctx, letter.salesperson) : null;
  if (person) errors.salesperson = person;
  if (letter.sealed !== true) errors.sealed = msg(ctx.lang, 'letter_unsealed');
  const from = letter.valid_from as string | null | undefined;
  const to = letter.valid_to as string | null | undefined;
  if (from && to && to < from) errors.valid_to = msg(ctx.lang, 'letter_dates', { from, to });
  if (Object.keys(errors).length) throw validationError(Object.values(errors).join('；'), errors);
}
