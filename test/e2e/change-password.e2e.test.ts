/**
 * Issue 12 item 8 in a real browser: an auditor changes their own password from the user menu (修改密码): a
 * wrong current password is refused on the dialog, a common one is refused with the policy's message, then
 * the change succeeds, this browser stays signed in and the user's other session ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login } from '../helpers/app';
import { PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('修改密码 (Chromium)', () => {
  let s: Session;
  let page: Page;
  let otherSession: string;

  beforeAll(async () => {
    s = await startSession();
    await s.user('auditor1', '冯审计', ['auditor']);
    otherSession = await login(s.server.url, 'auditor1', PASSWORD);
    page = await s.signIn('auditor1');
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const fill = async (current: string, next: string, confirm = next) => {
    await page.getByTestId('password-current').fill(current);
    await page.getByTestId('password-next').fill(next);
    await page.getByTestId('password-confirm').fill(confirm);
    await page.getByTestId('password-save').click();
  };

  it('changes the password from the user menu; other sessions end, this one stays', async () => {
    await page
      .getByRole('button', { name: /profile|用户|个人/i })
      .or(page.locator('button[aria-label]').filter({ has: page.locator('[data-testid="AccountCircleIcon"]') }))
      .first()
      .click();
    await page.getByTestId('change-password').click();
    await fill('wrong-password-x', 'new-auditor-password-1');
    await poll(textOf(page.getByTestId('password-error'))).toContain('当前密码不正确');
    await fill(PASSWORD, 'woaini1314');
    await poll(textOf(page.getByTestId('password-error'))).toContain('过于常见');
    await fill(PASSWORD, 'new-auditor-password-1');
    await poll(textOf(page.getByText('密码已修改'))).toContain('其他设备');
    await shot(page, 'change-password');
    const me = (cookie: string) => fetch(`${s.server.url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
    expect(await me(otherSession)).toBe(401);
    const cookies = await page.context().cookies();
    expect(await me(cookies.map((c) => `${c.name}=${c.value}`).join('; '))).toBe(200);
    await login(s.server.url, 'auditor1', 'new-auditor-password-1');
  });
});
