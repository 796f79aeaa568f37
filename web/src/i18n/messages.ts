/** Full message catalogues: react-admin's keys (English as the base, our Chinese over it) plus the app's keys. */
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'ra-core';
import { raChinese } from './zh';
import { appEn, appZh } from './app-messages';

export type UiLocale = 'zh' | 'en';
export const LOCALES: { locale: UiLocale; name: string }[] = [
  { locale: 'zh', name: '中文' },
  { locale: 'en', name: 'English' },
];

type Tree = { [key: string]: unknown };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Later trees win key by key; nested objects merge instead of replacing each other. */
export function deepMerge(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) out[k] = isTree(v) && isTree(out[k]) ? deepMerge(out[k] as Tree, v) : v;
  }
  return out;
}

export const messages: Record<UiLocale, TranslationMessages> = {
  zh: deepMerge(englishMessages, raChinese, appZh) as TranslationMessages,
  en: deepMerge(englishMessages, appEn) as TranslationMessages,
};
