/**
 * Another process holding the write lock (a big CLI import's merge): a write waits for it without holding
 * up anyone else — reads are answered meanwhile — and succeeds once the lock is released; if the lock
 * outlasts the retry budget, it is answered 503 with Retry-After and a clear message (zh/en) instead of an
 * internal error, and nothing is written.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sample, uploadImport } from '../imports/pipeline-fixtures';
import { ID_NUMBERS, startApi, type Api } from './api-client';

let api: Api;
beforeAll(async () => {
  api = await startApi({ busy: { retryMs: 600, importWaitMs: 200 } });
});
afterAll(() => api.server.close());

it('a write while another connection holds the lock for a moment: it waits without blocking reads, then succeeds', async () => {
  const other = new Database(api.server.dbFile);
  other.exec('BEGIN IMMEDIATE');
  const held = performance.now();
  let releasedAt = 0;
  setTimeout(() => {
    other.exec('ROLLBACK');
    releasedAt = performance.now();
    other.close();
  }, 400);
  const write = api
    .http('/salespeople', { method: 'POST', json: { name: '稍候新建', id_no: ID_NUMBERS[1] } })
    .then((r) => ({ status: r.status, at: performance.now() }));
  // reads are answered while the write waits (before: the event loop stood still in SQLite's busy wait)
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await api.http('/auth/me');
    expect(r.status).toBe(200);
    reads.push(performance.now());
  }
  const w = await write;
  expect(w.status).toBe(201);
  expect(reads.filter((t) => t < releasedAt || releasedAt === 0).length).toBeGreaterThan(0);
  expect(w.at).toBeGreaterThanOrEqual(releasedAt);
  expect(performance.now() - held).toBeLessThan(5000);
});

it('a write while another connection holds the write lock past the retry budget: 503 (zh/en), Retry-After, nothing written; reads go on', async () => {
  const body = { name: '忙时新建', id_no: ID_NUMBERS[0] };
  const named = async () => ((await api.server.db.$client.prepare('SELECT count(*) AS n FROM salespeople WHERE name = ?').get(body.name)) as { n: number }).n;
  const other = new Database(api.server.dbFile);
  other.exec('BEGIN IMMEDIATE');
  try {
    const zh = await api.http('/salespeople', { method: 'POST', json: body });
    expect(zh.status).toBe(503);
    expect(zh.headers.get('retry-after')).toBe('5');
    expect((await zh.json()).message).toBe('数据库正忙（可能正在导入大量数据），操作未完成、数据未修改，请稍后重试');
    const en = await api.http('/salespeople', { method: 'POST', json: body, headers: { 'Accept-Language': 'en' } });
    expect(en.status).toBe(503);
    expect((await en.json()).message).toMatch(/^The database is busy/);
    expect((await api.http('/salespeople')).status).toBe(200);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(await named()).toBe(0);
  expect((await api.http('/salespeople', { method: 'POST', json: body })).status).toBe(201);
  expect(await named()).toBe(1);
});

it('an import whose merge finds the database locked: 503 with the message (JSON and NDJSON), nothing written', async () => {
  const imports = async () => ((await api.server.db.$client.prepare('SELECT count(*) AS n FROM imports').get()) as { n: number }).n;
  const before = await imports();
  const other = new Database(api.server.dbFile);
  other.exec('BEGIN IMMEDIATE');
  try {
    const res = await uploadImport(api.server.url, api.cookie, sample('ledger-utf8.csv'), { kind: 'sales-ledger' });
    expect(res.status).toBe(503);
    expect((await res.json()).message).toMatch(/^数据库正忙/);
    const nd = await uploadImport(
      api.server.url,
      api.cookie,
      sample('ledger-utf8.csv'),
      { kind: 'sales-ledger' },
      { Accept: 'application/x-ndjson', 'Accept-Language': 'en' },
    );
    const last = JSON.parse((await nd.text()).trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ status: 503 });
    expect(last.message).toMatch(/^The database is busy/);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(await imports()).toBe(before);
  expect((await uploadImport(api.server.url, api.cookie, sample('ledger-utf8.csv'), { kind: 'sales-ledger' })).status).toBe(201);
});

it('writes waiting for the lock take turns: one tries at a time, so reads keep being answered meanwhile', async () => {
  const own = await startApi({ busy: { retryMs: 5000 } });
  try {
    const person = (await (await own.http('/salespeople', { method: 'POST', json: { name: '排队者', id_no: ID_NUMBERS[2] } })).json()) as { id: number };
    const other = new Database(own.server.dbFile);
    other.exec('BEGIN IMMEDIATE');
    let locked = true;
    setTimeout(() => {
      other.exec('ROLLBACK');
      other.close();
      locked = false;
    }, 1200);
    // eight writers retrying; before, each try of each writer held the event loop for the 25 ms slice
    const writes = Array.from({ length: 8 }, (_, i) =>
      own.http('/trainings', { method: 'POST', json: { salesperson: person.id, date: '2025-06-01', topic: `排队 ${i}`, hours: 1 } }),
    );
    let answered = 0;
    while (locked) {
      const r = await own.http('/auth/me');
      expect(r.status).toBe(200);
      if (locked) answered++;
    }
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual(new Array(8).fill(201));
    expect(answered, 'reads answered while 8 writes waited 1.2 s for the lock').toBeGreaterThanOrEqual(10);
  } finally {
    await own.server.close();
  }
});
