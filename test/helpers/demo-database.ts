/**
 * The demo data (server/seed/demo.ts, through the write service) on a database seeded once per test run and
 * copied by each test file that browses it (startTestServer's `from`): a seed takes 8–17 s, a copy a few ms.
 * The first file to ask seeds it in the run's directory (run-dir.ts) under a lock; a file asking meanwhile (the
 * other worker) waits for it. The seed itself is tested on fresh databases by test/server/seed.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createAdmin, type Credential } from '../../server/bootstrap';
import { fixedDayClock } from '../../server/clock';
import { openDb } from '../../server/db';
import { seedDemo } from '../../server/seed/demo';
import { ADMIN_PASSWORD, migratedTemplate } from './app';

export interface DemoDatabase {
  /** the seeded database, to copy (never to open: other files copy it too) */
  file: string;
  /** the demo users with their passwords (seedDemo's); the admin signs in with ADMIN_PASSWORD */
  creds: Credential[];
}

const WAIT_MS = 300_000;

async function seed(file: string, today: string): Promise<Credential[]> {
  fs.copyFileSync(migratedTemplate(), file);
  const db = openDb(file);
  const clock = fixedDayClock(today);
  await createAdmin(db, clock, ADMIN_PASSWORD);
  const creds = await seedDemo(db, clock);
  db.$client.close();
  return creds;
}

/** The demo database as of `today`, seeded by the first file of the run that asks for it. */
export async function demoDatabase(today: string): Promise<DemoDatabase> {
  const dir = inject('testRunDir');
  const base = path.join(dir, `demo-${today}`);
  const done = `${base}.json`;
  const failed = `${base}.failed`;
  try {
    fs.mkdirSync(`${base}.lock`);
  } catch {
    // another file is seeding it: wait for its credentials file, written last (or its failure)
    const until = Date.now() + WAIT_MS;
    while (!fs.existsSync(done)) {
      if (fs.existsSync(failed)) throw new Error(`seeding the demo database failed in another test file: ${fs.readFileSync(failed, 'utf8')}`);
      if (Date.now() > until) throw new Error(`the demo database ${base}.db was not seeded within ${WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { file: `${base}.db`, creds: JSON.parse(fs.readFileSync(done, 'utf8')) };
  }
  try {
    const creds = await seed(`${base}.db`, today);
    fs.writeFileSync(`${done}.tmp`, JSON.stringify(creds));
    fs.renameSync(`${done}.tmp`, done);
    return { file: `${base}.db`, creds };
  } catch (e) {
    fs.writeFileSync(failed, String((e as Error)?.stack ?? e));
    throw e;
  }
}
