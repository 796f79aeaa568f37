/**
 * A finding's words in the reader's language. The rules compose each message from the record (names,
 * dates, amounts: schema/rules/*), in Chinese and English at once; a finding keeps its rule code (`rule`),
 * the Chinese message (`message`, what QA searches) and `detail` = { params, en }: the rule's parameters
 * and the English message. The API renders `message` at read time in the request's language; a finding
 * written before `detail` existed answers in Chinese until a re-check rewrites it (`npm run recheck -- --all`).
 */
import type { Lang } from '../../../schema/messages';
import type { Finding } from '../../../schema/rules';

export interface FindingDetail {
  params: Record<string, string | number>;
  en: string;
}

export const detailOf = (f: Pick<Finding, 'params' | 'message'>): FindingDetail => ({ params: f.params ?? {}, en: f.message.en });

/** Whether a stored finding already says what the rule says now, in both languages. */
export function sameText(row: { message?: unknown; detail?: unknown }, f: Pick<Finding, 'message'>): boolean {
  return row.message === f.message.zh && (row.detail as FindingDetail | null | undefined)?.en === f.message.en;
}

/** The stored finding's message in `lang` (Chinese when no English was stored). */
export function findingMessage<M>(row: { message: M; detail?: unknown }, lang: Lang): M | string {
  const en = (row.detail as FindingDetail | null | undefined)?.en;
  return lang === 'en' && typeof en === 'string' && en ? en : row.message;
}
