/**
 * Deep list pages on PostgreSQL (server/crud/list-query.ts pageRows): past DEEP_OFFSET a page selects its ids
 * first (an index-only walk along the sort index, which ends with id) and then their rows. Every page, from
 * either end, in both directions, with runs of equal sort keys and voided rows among them, equals a plain
 * ORDER BY … LIMIT … OFFSET over the live rows; and the plans are the ones the list bench relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { countRows, DEEP_OFFSET, pageRows, parseListParams } from '../../../server/crud/list-query';
import { testPgUrl } from '../../helpers/pg';
import { migratedPgDb, type PgImportDb } from '../../imports/pg-fixtures';

const url = testPgUrl('pg-deep-page');
const ROWS = 2600;

describe.skipIf(!url)('deep list pages on PostgreSQL', () => {
  let p: PgImportDb;
  const q = async (text: string, values: unknown[] = []) => (await p.scratch.client.query(text, values)).rows;
  const rejects = registry.get('import_rejects')!;

  beforeAll(async () => {
    p = await migratedPgDb(url!, 'deep_page');
    await q("INSERT INTO imports (id, sha256, status, kind, file_name) OVERRIDING SYSTEM VALUE VALUES (1, 'x', 'done', 'sales-ledger', 'a.csv')");
    // `row` in runs of 7 equal values (ties broken by id), every 13th row voided
    await q(`INSERT INTO import_rejects ("import", "row", voided_at)
      SELECT 1, g / 7, CASE WHEN g % 13 = 0 THEN '2025-01-01T00:00:00.000Z' END FROM generate_series(1, ${ROWS}) g ORDER BY random()`);
    await q('VACUUM ANALYZE import_rejects');
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  const expected = async (dir: 'ASC' | 'DESC', offset: number, limit: number) =>
    (await q(`SELECT id FROM import_rejects WHERE voided_at IS NULL ORDER BY "row" ${dir}, id ${dir} LIMIT ${limit} OFFSET ${offset}`)).map((r) => r.id);

  it('every page, shallow and deep, from either end and in both directions, is the plain ORDER BY … OFFSET page', async () => {
    const live = ROWS - Math.floor(ROWS / 13);
    for (const dir of ['ASC', 'DESC'] as const) {
      for (const start of [0, 25, DEEP_OFFSET - 1, DEEP_OFFSET, DEEP_OFFSET + 3, Math.floor(live / 2), live - 1000, live - 30, live - 1]) {
        const params = await parseListParams(p.db, rejects, { sort: JSON.stringify(['row', dir]), range: JSON.stringify([start, start + 24]) }, 'en');
        const total = await countRows(p.db, rejects, params.where, params.liveOnly);
        expect(total).toBe(live);
        const rows = await pageRows(p.db, rejects, params.where, params, total);
        expect(
          rows.map((r) => r.id),
          `${dir} from ${start}`,
        ).toEqual(await expected(dir, start, Math.min(25, live - start)));
      }
    }
  });

  it('the deep page walks the sort index only (index-only), then reads 25 rows by id', async () => {
    const plan = (
      await q(
        `EXPLAIN SELECT * FROM import_rejects WHERE id IN (SELECT id FROM import_rejects WHERE voided_at IS NULL ORDER BY "row" DESC, id DESC LIMIT 25 OFFSET 1200)`,
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index Only Scan Backward using import_rejects__sort_row/);
    const first = (await q('EXPLAIN SELECT * FROM import_rejects WHERE voided_at IS NULL ORDER BY "row", id LIMIT 25')).map((r) => r['QUERY PLAN']).join('\n');
    expect(first).toMatch(/Index Scan using import_rejects__sort_row/);
    expect(first).not.toMatch(/Sort/); // the index ends with id: no sort of the ties
  });
});
