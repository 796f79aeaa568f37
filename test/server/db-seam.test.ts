/**
 * The database seam (server/db): async write transactions on one writer, serialised; reads outside a
 * transaction on the read-only connection see only committed rows; savepoints when nested; rollback on throw.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type Db, engineOf, openDb, transaction } from '../../server/db';

let dir: string;
let db: Db;
const tick = () => new Promise((r) => setTimeout(r, 5));
const rows = () => db.$client.prepare('SELECT v FROM seam ORDER BY id').pluck().all() as string[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-seam-'));
  db = openDb(path.join(dir, 'gsp.db'));
  await transaction(db, () => db.$client.exec('CREATE TABLE seam (id INTEGER PRIMARY KEY, v TEXT NOT NULL)'));
});

afterAll(() => {
  closeDb(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite engine', () => {
  it('serialises two concurrent async write transactions; neither sees the other’s uncommitted rows', async () => {
    const log: string[] = [];
    const writer = (name: string) =>
      transaction(db, async () => {
        log.push(`${name} begin`);
        db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run(`${name}1`);
        await tick();
        // inside: its own row, never the other transaction's
        const seen = rows().filter((v) => v.endsWith('1') || v.endsWith('2'));
        db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run(`${name}2`);
        await tick();
        log.push(`${name} end`);
        return seen;
      });
    const [a, b] = await Promise.all([writer('a'), writer('b')]);
    expect(log).toEqual(['a begin', 'a end', 'b begin', 'b end']);
    expect(a).toEqual(['a1']);
    expect(b).toEqual(['a1', 'a2', 'b1']);
    expect(rows()).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('a read outside the open transaction sees the committed state only', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside: string[] = [];
    const tx = transaction(db, async () => {
      db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run('pending');
      inside = rows();
      await held;
    });
    await tick();
    expect(engineOf(db).inTransaction).toBe(false);
    expect(rows()).not.toContain('pending');
    expect(inside).toContain('pending');
    release();
    await tx;
    expect(rows()).toContain('pending');
  });

  it('refuses a write through the read connection (outside a transaction)', () => {
    expect(() => db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run('stray')).toThrow(/readonly/i);
    expect(rows()).not.toContain('stray');
  });

  it('rolls back on an exception', async () => {
    await expect(
      transaction(db, async () => {
        db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run('doomed');
        await tick();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(rows()).not.toContain('doomed');
  });

  it('nests as a savepoint: the inner failure undoes only the inner writes', async () => {
    await transaction(db, async () => {
      db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run('outer');
      await expect(
        transaction(db, async () => {
          db.$client.prepare('INSERT INTO seam (v) VALUES (?)').run('inner');
          await tick();
          throw new Error('inner refused');
        }),
      ).rejects.toThrow('inner refused');
      expect(rows()).toContain('outer');
      expect(rows()).not.toContain('inner');
    });
    expect(rows()).toContain('outer');
    expect(rows()).not.toContain('inner');
  });
});
