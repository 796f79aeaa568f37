/**
 * Salesperson authorisation in Chromium: the office reads a salesperson's 资质 tab (letters, labour contract,
 * permit, trainings with valid / expiring / expired), is refused un-sealing a letter, finds the salesperson on
 * the expiring-documents page; a salesperson may not issue letters (no button, 403 from the server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, shot, startSession, textOf, type Session } from './session';

describe('salesperson authorisation (Chromium)', () => {
  let s: Session;
  let person: number;
  let letter: number;

  beforeAll(async () => {
    s = await startSession('2025-06-30');
    await s.user('office1', '李秘书', ['office']);
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    const p = await s.api('POST', '/api/salespeople', {
      name: '孙悦',
      id_no: '420106199004217315',
      employee_no: 'XS-021',
      phone: '13812340021',
      contract_start: '2023-07-01',
      contract_end: '2026-06-30',
      social_insurance: true,
      permit_no: 'SG700123',
      permit_valid_to: '2025-07-20',
    });
    expect(p.status, JSON.stringify(p.json)).toBe(201);
    person = p.json.id;
    expect(
      (await s.api('POST', '/api/trainings', { salesperson: person, date: '2025-03-01', topic: 'GSP 销售管理制度培训', hours: 4, passed: true })).status,
    ).toBe(201);
    const l = await s.api('POST', '/api/authorizations', {
      document_no: 'SQ-2025-021',
      salesperson: person,
      varieties: ['中成药', '化学药制剂'],
      regions: ['湖北省武汉市', '湖北省孝感市'],
      valid_from: '2025-01-01',
      valid_to: '2025-12-31',
      sealed: true,
    });
    expect(l.status, JSON.stringify(l.json)).toBe(201);
    letter = l.json.id;
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('the office reads the qualification tab: letter valid, permit expiring, training passed', async () => {
    const page = await s.signIn('office1', `#/salespeople/${person}/show/qualification`);
    await page.getByTestId('qualification-tab').waitFor();
    await poll(() => page.getByTestId('qualification-letter').getAttribute('data-state')).toBe('valid');
    await poll(textOf(page.getByTestId('qualification-letter'))).toContain('湖北省武汉市、湖北省孝感市');
    expect(await page.getByTestId('qualification-permit').getAttribute('data-state')).toBe('expiring');
    expect(await textOf(page.getByTestId('qualification-permit'))()).toContain('剩余 20 天');
    expect(await page.getByTestId('qualification-contract').getAttribute('data-state')).toBe('valid');
    expect(await page.getByTestId('qualification-training').getAttribute('data-state')).toBe('valid');
    await poll(textOf(page.getByTestId('qualification-summary'))).toContain('具备销售资格');
    await page.getByTestId('issue-letter').waitFor();
    await shot(page, 'authorisation-qualification');
    await page.close();
  }, 90_000);

  it('the office is refused un-sealing a letter, with the reason on the field', async () => {
    const page = await s.signIn('office1', `#/authorizations/${letter}`);
    const sealed = page.locator('input[name="sealed"]');
    await poll(() => sealed.isChecked()).toBe(true);
    await sealed.click();
    await page.getByRole('button', { name: '保存' }).click();
    await poll(textOf(page.locator('body'))).toContain('授权书须加盖本企业公章和法定代表人印章后方可签发');
    await shot(page, 'authorisation-unsealed-refused');
    expect((await s.api('GET', `/api/authorizations/${letter}`)).json.sealed).toBe(true);
    await page.close();
  }, 90_000);

  it('lists the salesperson whose permit ends within 30 days', async () => {
    const page = await s.signIn('office1', `#/workflows/salespeople-expiring`);
    // the page counts from the server's business day (2025-06-30 here), not the browser's date
    await poll(() => page.getByTestId('as-of').locator('input').inputValue()).toBe('2025-06-30');
    await page.getByTestId('window-30').click();
    await page.getByTestId('tab-salespeople.permit_valid_to').click();
    await poll(textOf(page.locator('.RaDatagrid-tbody'))).toContain('孙悦');
    await shot(page, 'authorisation-expiring');
    await page.getByTestId('tab-authorizations.valid_to').click();
    await page.getByTestId('window-expired').click();
    await poll(textOf(page.locator('body'))).not.toContain('SQ-2025-021');
    await page.close();
  }, 90_000);

  it('a salesperson may not issue letters: no button, and the server refuses (403)', async () => {
    const page = await s.signIn('sales1', `#/salespeople/${person}/show/qualification`);
    await page.getByTestId('qualification-tab').waitFor();
    expect(await page.getByTestId('issue-letter').count()).toBe(0);
    const res = await page.evaluate(async (salesperson) => {
      const r = await fetch('/api/authorizations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          document_no: 'SQ-SELF-1',
          salesperson,
          varieties: ['中成药'],
          regions: ['湖北省'],
          valid_from: '2025-07-01',
          valid_to: '2025-12-31',
          sealed: true,
        }),
      });
      return { status: r.status, body: await r.json() };
    }, s.world.salesperson);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('不能新建「销售人员授权书」');
    await shot(page, 'authorisation-sales-no-issue');
    await page.close();
  }, 90_000);
});
