/**
 * The importer's command line (DESIGN.md, the contract other tools rely on):
 *
 *   [DATABASE_URL=postgres://…] npm run --silent import -- FILE --kind KIND [--db PATH] [--report OUT.json] [--as-of YYYY-MM-DD]
 *                                   [--dry-run] [--sheet NAME] [--force] [--problems OUT.xlsx] [--lang en]
 *
 * Exit 0: the file was processed (findings and rejected rows do not make it fail); 2: the file or the
 * arguments are unusable (one line on stderr, Chinese first, then English; nothing written); 1: internal
 * failure (nothing written). Without --report the JSON report goes to stdout, else a summary line does.
 */
import fs from 'node:fs';
import { isValidDate } from '../schema/validate';
import { UsageError, parseCommandLine } from '../server/cli/args';
import { fixedDayClock } from '../server/clock';
import { engineOf, openDb, openPgDb, type Db } from '../server/db';
import { sqlOf } from '../server/db/dialect';
import { clockFromEnv, databaseTarget, dbFilePath, describeDatabase, EnvError, readEnv, type DatabaseTarget, type Env } from '../server/env';
import { SYSTEM_ACTOR } from '../server/services/context';
import { checkKind, isUsageError, importableKinds, runImport } from './run/pipeline';
import { reportPath } from './run/files';

interface Args {
  file: string;
  kind: string;
  /** `--db PATH` (a SQLite file) wins; else DATABASE_URL (PostgreSQL), else GSP_DB, else data/gsp.db */
  db: DatabaseTarget;
  report?: string;
  asOf?: string;
  dryRun: boolean;
  sheet?: string;
  force: boolean;
  problems?: string;
  lang: 'zh' | 'en';
}

const USAGE =
  'npm run --silent import -- FILE --kind KIND [--db PATH] [--report OUT.json] [--as-of YYYY-MM-DD] [--dry-run] [--sheet NAME] [--force] [--problems OUT.xlsx] [--lang en]';
const OPTIONS = {
  kind: { type: 'string' },
  db: { type: 'string' },
  report: { type: 'string' },
  'as-of': { type: 'string' },
  sheet: { type: 'string' },
  problems: { type: 'string' },
  lang: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readArgs(argv: string[]): Args {
  const { values: v, positionals: files } = parseCommandLine(argv, OPTIONS, USAGE);
  if (v.help) throw new UsageError(`用法：${USAGE}`, `usage: ${USAGE}`);
  if (files.length !== 1) throw new UsageError(`请指定一个要导入的文件（用法：${USAGE}）`, `give exactly one file to import (usage: ${USAGE})`);
  if (!v.kind)
    throw new UsageError(`请用 --kind 指定导入类型（可用：${importableKinds().join(', ')}）`, `--kind is required (kinds: ${importableKinds().join(', ')})`);
  const asOf = v['as-of'];
  if (asOf !== undefined && !isValidDate(asOf))
    throw new UsageError(`--as-of 应为 YYYY-MM-DD 格式的日期：${asOf}`, `--as-of must be a YYYY-MM-DD date: ${asOf}`);
  return {
    file: files[0],
    kind: v.kind,
    db: v.db ? { engine: 'sqlite', file: dbFilePath(v.db) } : databaseTarget(),
    report: v.report,
    asOf,
    dryRun: v['dry-run'] === true,
    sheet: v.sheet,
    force: v.force === true,
    problems: v.problems,
    lang: v.lang === 'en' ? 'en' : 'zh',
  };
}

function fail(code: 1 | 2, zh: string, en: string): never {
  process.stderr.write(`${zh.replace(/\s*\n\s*/g, ' ')} / ${en.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

let env: Env;
try {
  env = readEnv();
} catch (e) {
  if (!(e instanceof EnvError)) throw e;
  process.stderr.write(`${e.message.replace(/\n/g, '; ')}\n`);
  process.exit(2);
}

if (env.GSP_IMPORT_STATS) {
  // for bench/import.ts: this process's peak RSS and CPU time
  process.on('exit', () => {
    const u = process.resourceUsage();
    process.stderr.write(`GSP_IMPORT_STATS ${JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, sysMs: u.systemCPUTime / 1000 })}\n`);
  });
}

async function main() {
  let args: Args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(2, `错误：${e.zh}`, `Error: ${e.en}`);
    throw e;
  }
  // the kind and the file first: an unusable argument must not even create the database
  try {
    checkKind(args.kind);
    if (!fs.statSync(args.file).isFile()) throw new Error('not a file');
  } catch (e) {
    if (isUsageError(e)) fail(2, `错误：${e.text('zh')}`, `Error: ${e.text('en')}`);
    fail(2, `错误：找不到或无法打开文件 ${args.file}`, `Error: cannot open the file ${args.file} (${(e as Error).message})`);
  }
  let db: Db;
  const target = args.db;
  const where = target.engine === 'sqlite' ? target.file : describeDatabase(target);
  try {
    db = target.engine === 'postgresql' ? openPgDb(target.url) : openDb(target.file);
    // PostgreSQL connects lazily: reach it (and its schema) now, so an unreachable or unmigrated database is exit 2
    if (target.engine === 'postgresql' && !(await db.get(sqlOf(db).tableExists('imports'))))
      throw new Error('数据库未迁移，请先运行 npm run db:migrate / the database is not migrated: run npm run db:migrate');
  } catch (e) {
    fail(2, `错误：无法打开数据库 ${where}（${(e as Error).message}）`, `Error: cannot open the database ${where} (${(e as Error).message})`);
  }
  try {
    const clock = args.asOf ? fixedDayClock(args.asOf) : clockFromEnv(env);
    const result = await runImport({
      db,
      file: args.file,
      kind: args.kind,
      clock,
      actor: SYSTEM_ACTOR,
      lang: args.lang,
      dryRun: args.dryRun,
      force: args.force,
      sheet: args.sheet,
      reportFile: args.report,
    });
    const r = result.report;
    if (args.problems) {
      const source = result.importId != null ? reportPath(db, result.importId) : args.report;
      const { writeProblemsXlsx } = await import('./report/problems-xlsx');
      await writeProblemsXlsx({ file: args.file, kind: args.kind, sheet: r.import.sheet ?? undefined, report: source ?? r, out: args.problems });
    }
    if (!args.report) {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    } else {
      const c = r.counts;
      const id = r.import.id != null ? `#${r.import.id} ` : args.dryRun ? '（试运行）' : '';
      process.stdout.write(
        `导入 ${id}${args.kind} ${r.import.file}：${c.rows} 行，导入 ${c.imported}，拒收 ${c.rejected}，重复 ${c.duplicates}，规则发现 ${r.totals?.findings.total ?? r.findings.length}\n`,
      );
    }
    await engineOf(db).close();
  } catch (e) {
    try {
      await engineOf(db).close();
    } catch {
      /* closing anyway */
    }
    if (isUsageError(e)) fail(2, `错误：${e.text('zh')}`, `Error: ${e.text('en')}`);
    process.stderr.write(`${env.GSP_DEBUG ? (e as Error)?.stack : ((e as Error)?.message ?? e)}\n`);
    fail(1, '导入失败（内部错误），未写入任何数据', 'Import failed (internal error); nothing was written');
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  fail(1, '导入失败（内部错误），未写入任何数据', 'Import failed (internal error); nothing was written');
});
