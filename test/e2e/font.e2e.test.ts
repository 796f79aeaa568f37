/**
 * Issue 13 item 6: the UI bundles Noto Sans SC as the fallback CJK font. On this machine's Chromium (no
 * Chinese system font) the login page's characters come from the bundled font, fetched as a few
 * unicode-range subsets, not the whole family.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './session';

describe('bundled CJK font (Chromium)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('renders Chinese with a few subsets of the bundled font', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const fonts: string[] = [];
    page.on('response', (r) => {
      if (/noto-sans-sc-.*\.woff2$/.test(r.url()) && r.status() === 200) fonts.push(r.url());
    });
    await page.goto(`${s.server.url}/`);
    await page.locator('input[name="username"]').waitFor();
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('Noto Sans SC') && f.status === 'loaded').length;
    });
    expect(loaded).toBeGreaterThan(0);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.length).toBeLessThan(20); // of ~100 subsets
    // the glyphs are real: 登录 is not drawn as two identical boxes
    const distinct = await page.evaluate(() => {
      const draw = (ch: string) => {
        const c = document.createElement('canvas');
        c.width = 40;
        c.height = 40;
        const g = c.getContext('2d')!;
        g.font = '32px "Noto Sans SC Variable"';
        g.fillText(ch, 2, 34);
        return c.toDataURL();
      };
      return draw('登') !== draw('录');
    });
    expect(distinct).toBe(true);
    await page.close();
  });
});
