/**
 * `npm start`: build the web app if its sources are newer than web/dist, open and migrate the database,
 * create the admin (and demo data) on first start, then serve the console and the API on PORT.
 */
import { serve } from '@hono/node-server';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from './app';
import { createAdmin, isEmpty, randomPassword, requireFirstLoginChange, type Credential } from './bootstrap';
import type { Clock } from './clock';
import { clockFromEnv, databaseTarget, dbFilePath, describeDatabase, EnvError, pgFilesAnchor, readEnv } from './env';
import { engineOf, openDb, openPgDb, type Db } from './db';
import { migratePostgresIfNeeded } from './migrate';
import { ROOT } from './root';
import { closePdfRenderer } from './documents/pdf';
import { dailyBackup } from './services/backup';
import { pgToolsMissing } from './services/pg-backup';
import { cleanLeftovers } from './services/leftovers';
import { startRecheck, type RecheckRun } from './services/rules/recheck-runner';
import { SYSTEM_ACTOR } from './services/context';
import { ensureSettings } from './services/settings-defaults';

const WEB_DIST = path.join(ROOT, 'web/dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function buildWebIfNeeded() {
  const built = path.join(WEB_DIST, 'index.html');
  const sources = [path.join(ROOT, 'web/src'), path.join(ROOT, 'schema')];
  const stale =
    !fs.existsSync(built) || Math.max(...sources.map(newestMtime), fs.statSync(path.join(ROOT, 'web/index.html')).mtimeMs) > fs.statSync(built).mtimeMs;
  if (!stale) return;
  console.log('构建前端 / building the web app …');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

function writeFirstLogin(dbFile: string, creds: Credential[]) {
  const file = path.join(path.dirname(path.resolve(dbFile)), 'first-login.txt');
  const lines = creds.map((c) => `${c.role.padEnd(12)} ${c.username.padEnd(14)} ${c.password}`);
  fs.writeFileSync(
    file,
    `# GSP Console first-login credentials — one-time passwords: each must be changed at its first sign-in (the console asks for a new one before anything else); then delete this file\n# 首次登录初始密码：每个账号首次登录时必须修改密码，之后请删除本文件\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  console.log(
    `\n首次登录账号 / first-login credentials (also in ${file}):\n${lines.join('\n')}\n首次登录时必须修改密码 / each password must be changed at its first sign-in\n`,
  );
}

/** A daily online backup (checked hourly, written once per day) keeping the newest 14. */
function scheduleBackups(db: Db, clock: Clock, dir: string) {
  const run = () =>
    dailyBackup(db, dir, clock.today()).then(
      (out) => out && console.log(`每日备份 / daily backup: ${out}`),
      (err) => console.error('每日备份失败 / daily backup failed:', err),
    );
  setTimeout(run, 60_000).unref();
  setInterval(run, 3600_000).unref();
}

/**
 * The rule re-check: shortly after start (continuing one a restart interrupted), then whenever the business
 * date changes; in a worker thread, so the server keeps answering (services/rules/recheck-runner.ts). Killed
 * mid-batch, the batch's transaction rolls back and the next start continues after the last committed one.
 */
/** Starts the daily re-check; the answer stops a run under way (at shutdown: the next start continues it). */
function scheduleRecheck(db: Db, target: string, clock: Clock): () => Promise<void> {
  let lastDay = '';
  let run: RecheckRun | null = null;
  const start = () => {
    if (run || clock.today() === lastDay) return;
    lastDay = clock.today();
    const started = Date.now();
    run = startRecheck({ db, file: target, clock, asOf: lastDay });
    run.done
      .then(
        (p) =>
          console.log(
            `规则复核 / rule re-check ${p.as_of} (${p.since ? `since ${p.since}` : 'full'}): ${p.status}, ${p.records} records, +${p.opened} / -${p.resolved} findings (${Date.now() - started} ms)`,
          ),
        (err) => {
          lastDay = '';
          console.error('规则复核失败 / rule re-check failed:', err);
        },
      )
      .finally(() => {
        run = null;
      });
  };
  setTimeout(start, 5_000).unref();
  setInterval(start, 600_000).unref();
  return async () => {
    await run?.stop();
  };
}

/**
 * The database DATABASE_URL names (PostgreSQL, migrated here when its migrations are readable and pending), else
 * the SQLite file (GSP_DB, else data/gsp.db; openDb migrates it). On PostgreSQL the console's own files
 * (attachments, imports, backups, first-login.txt) go under GSP_DATA_DIR (default data/), as the CLI's do.
 */
async function openDatabase(env: ReturnType<typeof readEnv>, dbFile: string): Promise<Db> {
  const target = databaseTarget(env);
  if (target.engine === 'sqlite') return openDb(dbFile);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true }); // the files' folder (SQLite's openDb makes it for its file)
  const applied = await migratePostgresIfNeeded(target.url);
  if (applied) console.log(`已迁移 / migrated: ${describeDatabase(target)} (+${applied})`);
  return openPgDb(target.url, { filesBeside: dbFile });
}

async function main() {
  const env = readEnv();
  // PostgreSQL has no file: its files go where the importer's CLI and the tools put them (pgFilesAnchor)
  const dbFile = env.DATABASE_URL ? pgFilesAnchor(env.DATABASE_URL, env) : dbFilePath(undefined, env);
  const port = env.PORT ?? 8080;
  const clock = clockFromEnv(env);
  if (!env.GSP_SKIP_WEB_BUILD) await buildWebIfNeeded();
  const db = await openDatabase(env, dbFile);
  const postgres = engineOf(db).dialect === 'postgres';
  if (await isEmpty(db)) {
    const creds = [await createAdmin(db, clock, env.GSP_ADMIN_PASSWORD || randomPassword())];
    if (env.GSP_DEMO !== false) {
      const { seedDemo } = await import('./seed/demo');
      console.log('生成演示数据 / seeding demo data …');
      creds.push(...(await seedDemo(db, clock)));
    }
    // A password given through the environment is the operator's own: do not echo it.
    // The generated ones are printed and filed: each must be replaced at its first sign-in.
    const shown = env.GSP_ADMIN_PASSWORD ? creds.slice(1) : creds;
    await requireFirstLoginChange(db, clock, shown);
    if (shown.length) writeFirstLogin(dbFile, shown);
  } else {
    // A database from an older version: add the settings rows it lacks (new thresholds, company letterhead).
    await ensureSettings({ db, clock, actor: SYSTEM_ACTOR, lang: 'zh' });
  }
  const backupDir = env.GSP_BACKUP_DIR || path.join(path.dirname(path.resolve(dbFile)), 'backups');
  const leftovers = cleanLeftovers(db, backupDir);
  if (leftovers.length)
    console.log(`清理上次中断留下的临时文件 / removed ${leftovers.length} leftover(s) of an interrupted import or backup:\n  ${leftovers.join('\n  ')}`);
  // PostgreSQL: the same daily backup by pg_dump (custom format), when the client tools are installed
  if (env.GSP_BACKUP !== false) {
    const missing = postgres ? pgToolsMissing() : undefined;
    if (missing) console.warn(`每日备份未启用 / daily backups off: ${missing}`);
    else scheduleBackups(db, clock, backupDir);
  }
  const stopRecheck = env.GSP_RECHECK !== false ? scheduleRecheck(db, postgres ? env.DATABASE_URL! : dbFile, clock) : async () => undefined;
  const app = createApp({ db, clock, webDist: WEB_DIST });
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, (info) => {
    console.log(
      `GSP Console: http://localhost:${info.port}/  (数据库 ${postgres ? engineOf(db).name : dbFile}${env.GSP_TODAY ? `, 今天 = ${env.GSP_TODAY}` : ''})`,
    );
  });
  handleShutdown(server, db, stopRecheck);
}

/**
 * SIGTERM / SIGINT stop the server: no new connections, the PDF browser and a re-check under way (it resumes
 * at the next start) stopped with it, the database closed (SQLite: its WAL checkpointed; PostgreSQL: the pool
 * ended once the connections in use are back), exit 0 — within SHUTDOWN_MS even if a request or the browser hangs.
 */
const SHUTDOWN_MS = 4000;
function handleShutdown(server: ReturnType<typeof serve>, db: Db, stopRecheck: () => Promise<void>) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止 / ${signal}: stopping …`);
    setTimeout(() => process.exit(0), SHUTDOWN_MS).unref();
    server.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    Promise.allSettled([closePdfRenderer(), stopRecheck()])
      .then(async () => {
        await engineOf(db).close();
      })
      .catch(() => {
        /* a statement still running: exit closes it */
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  // a bad environment value is the operator's to fix: the message, no stack
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(err instanceof EnvError ? 2 : 1);
});
