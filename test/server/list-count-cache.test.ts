/**
 * The list totals (Content-Range) are kept between commits (server/crud/count-cache.ts): every commit —
 * the server's own write, another connection's (an import thread, a CLI import in another process) — must
 * show in the next total, for the plain list and for a filtered one, and a scoped user's total is their own.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBody, list, startApi, type Api } from './api-client';
import { pgUrlOf } from '../../server/db';
import { testOnPg } from '../helpers/app';
import { admin as pgAdmin } from '../helpers/pg';

let api: Api;
const total = async (filter: Record<string, unknown> = {}) => (await list(api.dp, 'customers', filter, ['id', 'ASC'], 1, 5)).total;

beforeAll(async () => {
  api = await startApi();
  for (const name of ['甲药房', '乙药房', '丙医院']) await api.dp.create('customers', { data: customerBody(name) });
});
afterAll(() => api.server.close());

/** A write committed by a connection the server does not hold (SQLite: another one to the file; PostgreSQL: another client). */
async function otherConnection(statement: string) {
  if (testOnPg()) return void (await pgAdmin(pgUrlOf(api.server.db)!, (c) => c.query(statement)));
  const other = new Database(api.server.dbFile);
  try {
    other.pragma('busy_timeout = 5000');
    other.exec(statement);
  } finally {
    other.close();
  }
}

describe('list totals between commits', () => {
  it('follow the server’s own writes, plain and filtered', async () => {
    expect(await total()).toBe(3);
    expect(await total({ q: '药房' })).toBe(2);
    expect(await total()).toBe(3); // asked again: the same total
    const { data } = await api.dp.create('customers', { data: customerBody('丁药房') });
    expect(await total()).toBe(4);
    expect(await total({ q: '药房' })).toBe(3);
    await api.dp.delete('customers', { id: data.id, previousData: data });
    expect(await total()).toBe(3);
    expect(await total({ q: '药房' })).toBe(2);
  });

  it('follow a commit by another connection (as an import thread or the CLI writes)', async () => {
    expect(await total({ type: 'retailer' })).toBe(3);
    await otherConnection("UPDATE customers SET type = 'hospital' WHERE name = '丙医院'");
    expect(await total({ type: 'retailer' })).toBe(2);
    await otherConnection("UPDATE customers SET voided_at = '2025-06-30T00:00:00.000Z' WHERE name = '乙药房'");
    expect(await total()).toBe(2);
    expect(await total({ type: 'retailer' })).toBe(1);
  });
});
