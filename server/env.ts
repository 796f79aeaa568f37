/**
 * The process environment, read in one place: every GSP_* setting (and PORT, HOST) with its type, default
 * and a bilingual message when a value is unusable, plus the one resolution of the database path. Product
 * code reads `readEnv()` instead of process.env (it reads afresh each call: cheap, and a test may change a
 * variable between requests). An empty value counts as unset. The two .mjs launchers are the exception:
 * they run before any TypeScript is compiled and only read their own build directory.
 * Also the Hono context variables (AppEnv).
 */
import path from 'node:path';
import type { Lang } from '../schema/messages';
import { fixedDayClock, systemClock, type Clock } from './clock';
import type { Db } from './db';
import { describePgUrl } from './db/pg';
import { ROOT } from './root';
import type { Actor } from './services/context';

export interface AppDeps {
  db: Db;
  clock: Clock;
}

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    lang: Lang;
    user: Actor | undefined;
  };
}

interface Kind<T> {
  parse(v: string): T | undefined;
  zh: string;
  en: string;
}
const text: Kind<string> = { parse: (v) => v, zh: '', en: '' };
/** on/off switches: '0' or '1' */
const flag: Kind<boolean> = { parse: (v) => (v === '1' ? true : v === '0' ? false : undefined), zh: '应为 0 或 1', en: 'must be 0 or 1' };
const int = (min: number, max: number): Kind<number> => ({
  parse: (v) => (/^\d+$/.test(v) && +v >= min && +v <= max ? +v : undefined),
  zh: `应为 ${min}–${max} 的整数`,
  en: `must be a whole number from ${min} to ${max}`,
});
const positive: Kind<number> = {
  parse: (v) => (/^\d+(\.\d+)?$/.test(v) && +v > 0 ? +v : undefined),
  zh: '应为大于 0 的数',
  en: 'must be a number above 0',
};
const day: Kind<string> = {
  parse: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined),
  zh: '应为 YYYY-MM-DD 日期',
  en: 'must be a YYYY-MM-DD date',
};
const oneOf = <const V extends string>(...values: V[]): Kind<V> => ({
  parse: (v) => ((values as string[]).includes(v) ? (v as V) : undefined),
  zh: `应为 ${values.join(' / ')}`,
  en: `must be ${values.join(' / ')}`,
});

/** a PostgreSQL connection URL (libpq form) */
const postgresUrl: Kind<string> = {
  parse: (v) => (/^postgres(ql)?:\/\//.test(v) ? v : undefined),
  zh: '应为 postgres:// 开头的 PostgreSQL 连接地址',
  en: 'must be a PostgreSQL URL starting with postgres://',
};

const SPEC = {
  /** PostgreSQL instead of the SQLite file: wins over GSP_DB (issue #17) */
  DATABASE_URL: postgresUrl,
  GSP_DB: text,
  /** PostgreSQL: the directory for the database's files (stored import originals, reports); default data/ */
  GSP_DATA_DIR: text,
  PORT: int(1, 65535),
  HOST: text,
  GSP_TODAY: day,
  GSP_ADMIN_PASSWORD: text,
  GSP_DEMO: flag,
  GSP_BACKUP: flag,
  GSP_BACKUP_DIR: text,
  GSP_RECHECK: flag,
  GSP_RECHECK_THREAD: flag,
  GSP_SKIP_WEB_BUILD: flag,
  GSP_UPLOAD_MAX_MB: positive,
  GSP_CHROMIUM: text,
  GSP_PDF_TIMEOUT_MS: int(1, 3_600_000),
  /** importer: '0' reads an XLSX in this thread, '1' always in a worker; unset: by size */
  GSP_IMPORT_READER_THREAD: flag,
  /** an upload's import in its own worker thread: '1' always, '0' never; unset: files of 1 MB and more */
  GSP_IMPORT_THREAD: flag,
  /** a ledger import's staging file written by a thread of its own: '1' always, '0' never; unset: CSV files of 1 MB and more */
  GSP_IMPORT_STAGING_THREAD: flag,
  /** with a staging thread, a ledger import's new orders' rules evaluated there: '0' never (in the import thread); default on */
  GSP_IMPORT_RULES_THREAD: flag,
  GSP_IMPORT_STATS: flag,
  GSP_IMPORT_TIMING: oneOf('1', 'rules'),
  GSP_IMPORT_MERGE_CACHE_KIB: int(1024, 16 * 1024 * 1024),
  GSP_IMPORT_SORT_CACHE_KIB: int(256, 16 * 1024 * 1024),
  /** the ledger merge's sorter threads for its CREATE INDEX when it has the file to itself (PRAGMA threads; 0 none) */
  GSP_IMPORT_SORT_THREADS: int(0, 8),
  GSP_IMPORT_REBUILD_MIN_ROWS: int(0, Number.MAX_SAFE_INTEGER),
  GSP_IMPORT_MERGE_FK: flag,
  /** the ledger merge: what one of its transactions aims to hold the write lock for, and the pause after each (ms) */
  GSP_IMPORT_MERGE_CHUNK_MS: int(10, 60_000),
  GSP_IMPORT_MERGE_PAUSE_MS: int(0, 10_000),
  GSP_DEBUG: text,
} satisfies Record<string, Kind<unknown>>;

type Spec = typeof SPEC;
export type Env = { [K in keyof Spec]: (Spec[K] extends Kind<infer T> ? T : never) | undefined };

/** An unusable environment value: the message names the variable, the value and what it must be (zh / en). */
export class EnvError extends Error {}

/** The environment, checked; throws EnvError listing every unusable value. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const out: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const [key, kind] of Object.entries(SPEC) as Array<[string, Kind<unknown>]>) {
    const raw = source[key];
    if (raw === undefined || raw === '') continue;
    const v = kind.parse(raw);
    if (v === undefined)
      bad.push(`环境变量 ${key}="${raw.slice(0, 80)}" 无效：${kind.zh} / environment variable ${key}="${raw.slice(0, 80)}" is invalid: ${kind.en}`);
    else out[key] = v;
  }
  if (bad.length) throw new EnvError(bad.join('\n'));
  return out as Env;
}

/** The database file: `--db` when a command was given one, else GSP_DB, else data/gsp.db under the project root. */
export function dbFilePath(override?: string, env: Env = readEnv()): string {
  return path.resolve(override || env.GSP_DB || path.join(ROOT, 'data/gsp.db'));
}

export type DatabaseTarget = { engine: 'postgresql'; url: string } | { engine: 'sqlite'; file: string };

/** Which database to open: PostgreSQL when DATABASE_URL is set (it wins over GSP_DB), else the SQLite file. */
export function databaseTarget(env: Env = readEnv()): DatabaseTarget {
  return env.DATABASE_URL ? { engine: 'postgresql', url: env.DATABASE_URL } : { engine: 'sqlite', file: dbFilePath(undefined, env) };
}

/**
 * Where a PostgreSQL database's files live (it has no file to put them beside): under GSP_DATA_DIR (default
 * data/ in the project) as if beside a file `<database name>.pg` there — stored import originals and reports,
 * the attachments store, import staging files.
 */
export function pgFilesAnchor(url: string, env: Env = readEnv()): string {
  const dir = path.resolve(env.GSP_DATA_DIR || path.join(ROOT, 'data'));
  return path.join(dir, `${decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'}.pg`);
}

/** A database named for a log line: the engine and where it is, never the password. */
export function describeDatabase(target: DatabaseTarget): string {
  return target.engine === 'sqlite' ? `sqlite ${target.file}` : describePgUrl(target.url);
}

/** The server's clock: GSP_TODAY pins the business date. */
export const clockFromEnv = (env: Env = readEnv()): Clock => (env.GSP_TODAY ? fixedDayClock(env.GSP_TODAY) : systemClock());

/** Upload size limit in bytes (GSP_UPLOAD_MAX_MB, default 200). */
export const uploadLimitBytes = (env: Env = readEnv()): number => (env.GSP_UPLOAD_MAX_MB ?? 200) * 1024 * 1024;
