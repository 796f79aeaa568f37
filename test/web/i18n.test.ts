import { describe, expect, it } from 'vitest';
import englishMessages from 'ra-language-english';
import { raChinese } from '../../web/src/i18n/zh';
import { appEn, appZh } from '../../web/src/i18n/app-messages';
import { deepMerge, messages } from '../../web/src/i18n/messages';

const keys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('translate every react-admin key into Chinese, and nothing else', () => {
    expect(keys(raChinese).sort()).toEqual(keys(englishMessages).sort());
  });

  it('keep the console keys equal in both languages', () => {
    expect(keys(appZh).sort()).toEqual(keys(appEn).sort());
  });

  it('have no empty Chinese message and keep every %{placeholder}', () => {
    const get = (tree: any, key: string) => key.split('.').reduce((t, k) => t[k], tree);
    for (const key of keys(englishMessages)) {
      const en: string = get(englishMessages, key);
      const zh: string = get(raChinese, key);
      if (key !== 'ra.boolean.null') expect(zh.trim(), key).not.toBe('');
      const placeholders = (s: string) => [...new Set(s.match(/%\{\w+\}/g) ?? [])].sort();
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });

  it('merge catalogues deeply (our keys over react-admin English)', () => {
    expect(deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
    expect((messages.zh as any).ra.action.save).toBe('保存');
    expect((messages.en as any).ra.action.save).toBe('Save');
    expect((messages.zh as any).gsp.error.conflict).toBe('该记录已被他人修改，请刷新后重试');
  });
});
