/**
 * The SQL rule context's trainings held on a date (two index probes, server/services/rules/sql-context.ts)
 * answer what the in-memory context computes from every training record (schema/rules/staff.ts
 * trainingsHeldIn): the latest dated on or before the date — by date, then id — and whether any of those
 * passed; voided and undated records count in neither.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainingsHeldIn } from '../../../schema/rules/staff';
import type { TrainingRow, Loose } from '../../../schema/rules/types';
import { openDb, writerOf } from '../../../server/db';
import { createSqlContext } from '../../../server/services/rules/sql-context';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-trainings-held-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('trainingsHeld (SQL) equals trainingsHeldIn over every record', () => {
  it('on every date around the records: ties on a date, voided, undated, passed before and after', async () => {
    const db = openDb(path.join(dir, 'gsp.db'));
    try {
      const w = writerOf(db);
      const sp = Number(w.prepare("INSERT INTO salespeople (name) VALUES ('张三')").run().lastInsertRowid);
      const other = Number(w.prepare("INSERT INTO salespeople (name) VALUES ('李四')").run().lastInsertRowid);
      const add = w.prepare('INSERT INTO trainings (post, salesperson, date, topic, passed, voided_at) VALUES (?, ?, ?, ?, ?, ?)');
      const rows: [number, string, string, number | null, string | null][] = [
        [sp, '2024-01-10', '岗前培训', 1, null],
        [sp, '2024-03-01', '年度培训', 0, null],
        [sp, '2024-03-01', '补考', null, null], // same date, later id: the latest on that day
        [sp, '2024-05-01', '作废的培训', 1, '2024-05-02T00:00:00.000Z'], // voided: counts nowhere
        [sp, '2024-06-15', '年度复训', 0, null],
        [sp, '', '无日期', 1, null], // undated: counts nowhere
        [other, '2023-01-01', '他人培训', 1, null],
      ];
      for (const [s, date, topic, passed, voided] of rows) add.run('sales', s, date, topic, passed, voided);
      const all = (
        w.prepare('SELECT id, salesperson, date, topic, passed FROM trainings WHERE salesperson = ? AND voided_at IS NULL ORDER BY id').all(sp) as any[]
      ).map((r) => ({ ...r, passed: r.passed == null ? null : r.passed === 1 })) as Loose<TrainingRow>[];
      const rc = await createSqlContext(db, '2025-06-30');
      const dates = ['2023-12-31', '2024-01-10', '2024-02-01', '2024-03-01', '2024-04-30', '2024-05-01', '2024-06-15', '2025-01-01'];
      for (const date of dates) {
        const sql = rc.trainingsHeld(sp, date);
        const mem = trainingsHeldIn(all, date);
        expect({ date, latest: sql.latest?.id ?? null, topic: sql.latest?.topic ?? null, passed: sql.passed }).toEqual({
          date,
          latest: mem.latest?.id ?? null,
          topic: mem.latest?.topic ?? null,
          passed: mem.passed,
        });
      }
      expect(rc.trainingsHeld(sp, '2024-03-01')).toMatchObject({ latest: { topic: '补考' }, passed: true });
      expect(rc.trainingsHeld(sp, '2023-12-31')).toEqual({ latest: undefined, passed: false });
      expect(rc.trainingsHeld(other, '2024-01-01')).toMatchObject({ latest: { topic: '他人培训', passed: true }, passed: true });
    } finally {
      db.$client.close();
    }
  });
});
