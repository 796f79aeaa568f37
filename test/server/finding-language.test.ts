/**
 * Issue 15 item 8: a finding keeps its rule code, parameters and both texts (findings.detail), and the API
 * renders its message in the reader's language — for a finding opened by a live write and for one merged
 * by a ledger import (the bulk path), read by the auditor (read-only, the least privileged reader).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { buildWorld, compliantOrder } from '../helpers/world';
import { importFile, sample, startImportServer } from '../imports/pipeline-fixtures';
import { sqlGet, sqlRun } from '../helpers/sql';

let srv: TestServer;
let admin: string;
let auditor: string;
const HAN = /[\u4e00-\u9fff]/;

async function api(method: string, path: string, body?: unknown, as = admin, lang = 'zh-CN') {
  const res = await fetch(`${srv.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: as, 'accept-language': lang },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
const list = (filter: object, lang: string) =>
  api('GET', `/findings?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=["id","ASC"]&range=[0,49]`, undefined, auditor, lang);

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  expect(
    (await api('POST', '/users', { username: 'aud1', display_name: '审计员', roles: ['auditor'], password: 'auditor-password-01', active: true })).status,
  ).toBe(201);
  auditor = await login(srv.url, 'aud1', 'auditor-password-01');
}, 120_000);
afterAll(() => srv.close());

describe('finding messages in the reader language', () => {
  it('an imported finding (bulk merge) reads in Chinese and in English', async () => {
    const imported = await importFile(srv.db, sample('ledger-utf8.csv'), 'sales-ledger');
    const importId = imported.importId!;
    expect(importId).toBeGreaterThan(0);
    const zh = (await list({ import: importId }, 'zh-CN')).body as Array<{ id: number; rule: string; message: string; detail?: unknown }>;
    const en = (await list({ import: importId }, 'en')).body as typeof zh;
    expect(zh.length).toBeGreaterThan(5);
    expect(en.map((f) => [f.id, f.rule])).toEqual(zh.map((f) => [f.id, f.rule]));
    for (const [i, f] of zh.entries()) {
      expect(f.message, f.rule).toMatch(HAN);
      expect(en[i].message, en[i].rule).not.toBe(f.message);
      expect(f.detail).toBeUndefined(); // stored, not shown
    }
    // English means English: no sentence in Chinese (names from the ledger may be Chinese)
    const expired = en.find((f) => f.rule === 'BATCH_EXPIRED');
    if (expired) expect(expired.message).toMatch(/^Batch .* expired on \d{4}-\d{2}-\d{2}/);
    // the stored detail holds the rule's parameters and the English text
    const stored = (await sqlGet(srv.db, 'SELECT rule, detail FROM findings WHERE import = ? ORDER BY id LIMIT 1', importId)) as {
      rule: string;
      detail: string;
    };
    expect(JSON.parse(stored.detail)).toMatchObject({ en: en[0].message, params: expect.any(Object) });
  }, 120_000);
});

describe('a live finding', () => {
  it('opened by a write (server/services/rules/findings.ts) reads in Chinese and in English, and follows a re-check', async () => {
    const live = await startTestServer({ today: '2025-06-30' });
    try {
      const cookie = await login(live.url);
      const w = await buildWorld(live.db, live.clock);
      const post = await fetch(`${live.url}/api/sales_orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(compliantOrder(w, 'XS-LANG-1', {}, { contract: null })),
      });
      expect(post.status).toBe(201);
      const line = (await post.json()).sales_lines[0].id as number;
      const read = async (lang: string) => {
        const res = await fetch(`${live.url}/api/findings?filter=${encodeURIComponent(JSON.stringify({ resource: 'sales_lines', record_id: line }))}`, {
          headers: { cookie, 'accept-language': lang },
        });
        return (await res.json()) as Array<{ id: number; rule: string; message: string }>;
      };
      const [zh] = await read('zh-CN');
      const [en] = await read('en');
      expect(zh.rule).toBe('CONTRACT_MISSING');
      expect(zh.message).toMatch(HAN);
      expect(en.message).toMatch(/^The sale to ".+" \(XS-LANG-1\) references no contract\./);
      // the show page too
      const one = await fetch(`${live.url}/api/findings/${en.id}`, { headers: { cookie, 'accept-language': 'en' } });
      expect((await one.json()).message).toBe(en.message);
      // a finding stored before `detail` existed answers in Chinese, and a re-check fills in its English
      await sqlRun(live.db, 'UPDATE findings SET detail = NULL WHERE id = ?', en.id);
      expect((await read('en'))[0].message).toBe(zh.message);
      const { fullRecheck } = await import('../../server/services/rules/full-recheck');
      await fullRecheck(live.db, live.clock, '2025-06-30', { all: true });
      expect((await read('en'))[0].message).toBe(en.message);
    } finally {
      await live.close();
    }
  }, 60_000);
});
