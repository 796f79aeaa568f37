/**
 * Issue 13 item 10 on paper: the documents print times in the business time zone — Asia/Shanghai by
 * default, the businessTimeZone setting when an admin sets one (read with the company's details).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCompany } from '../../server/documents/company';
import { dateTime } from '../../server/documents/format';
import { startApi, type Api } from './api-client';

let api: Api;
beforeAll(async () => {
  api = await startApi();
}, 60_000);
afterAll(() => api.server.close());

describe('document times', () => {
  it('are in Asia/Shanghai by default and follow the setting', async () => {
    await loadCompany(api.server.db, '2025-06-30');
    expect(dateTime('2025-06-30T01:00:00.000Z')).toBe('2025-06-30 09:00');
    const res = await api.http('/settings', { method: 'POST', json: { key: 'businessTimeZone', value: 'America/New_York', description: '业务时区' } });
    expect(res.status, await res.clone().text()).toBe(201);
    await loadCompany(api.server.db, '2025-06-30');
    expect(dateTime('2025-06-30T01:00:00.000Z')).toBe('2025-06-29 21:00');
  });
});
