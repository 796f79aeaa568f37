/**
 * GET /api/health (no sign-in: for probes and monitoring): whether the database answers, and the free space
 * of the disk that holds it (fs.statfs), flagged `low` under LOW_DISK_BYTES — a full disk refuses every write
 * (507 "磁盘空间不足"), so it should be seen coming. 503 when the database does not answer.
 */
import { Hono } from 'hono';
import fs from 'node:fs';
import path from 'node:path';
import type { AppEnv } from '../env';
import { sql } from 'drizzle-orm';

export const LOW_DISK_BYTES = 512 * 1024 * 1024;

export function diskSpace(file: string): { free_bytes: number; total_bytes: number; low: boolean } | null {
  try {
    const s = fs.statfsSync(path.dirname(path.resolve(file)));
    const free = s.bavail * s.bsize;
    return { free_bytes: free, total_bytes: s.blocks * s.bsize, low: free < LOW_DISK_BYTES };
  } catch {
    return null; // an in-memory database, or a file system that cannot say
  }
}

export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const { db, clock } = c.get('deps');
    let dbOk = true;
    try {
      await db.get(sql`SELECT 1`);
    } catch {
      dbOk = false;
    }
    const file = db.$client.name;
    return c.json(
      { ok: dbOk, db: dbOk ? 'ok' : 'error', disk: file && file !== ':memory:' ? diskSpace(file) : null, now: clock.now().toISOString() },
      dbOk ? 200 : 503,
    );
  });
  return app;
}
