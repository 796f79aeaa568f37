/**
 * The importer's command line (DESIGN.md, the contract other tools rely on):
 *
 *   npm run --silent import -- FILE --kind KIND [--db PATH] [--report OUT.json] [--as-of YYYY-MM-DD]
 *                                   [--dry-run] [--sheet NAME] [--force] [--problems OUT.xlsx] [--lang en]
 *
 * Exit 0: the file was processed (findings and rejected rows do not make it fail); 2: the file or the
 * arguments are unusable (one line on stderr, Chinese first, then English; nothing written); 1: internal
 * failure (nothing written). Without --report the JSON report goes to stdout, else a summary line does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isValidDate } from '../schema/validate';
import { clockFromEnv, fixedDayClock } from '../server/clock';
import { openDb, type Db } from '../server/db';
import { ROOT } from '../server/root';
import { SYSTEM_ACTOR } from '../server/services/context';
import { checkKind, isUsageError, importableKinds, runImport } from './run/pipeline';
import { reportPath } from './run/files';

interface Args {
  file: string;
  kind: string;
  db: string;
  report?: string;
  asOf?: string;
  dryRun: boolean;
  sheet?: string;
  force: boolean;
  problems?: string;
  lang: 'zh' | 'en';
}

class ArgError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(zh);
  }
}

const USAGE = 'npm run --silent import -- FILE --kind KIND [--db PATH] [--report OUT.json] [--as-of YYYY-MM-DD] [--dry-run] [--sheet NAME] [--force] [--problems OUT.xlsx]';

function parseArgs(argv: string[]): Args {
  const a: Partial<Args> & { dryRun: boolean; force: boolean; lang: 'zh' | 'en' } = { dryRun: false, force: false, lang: 'zh' };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgError(`参数 ${k} 缺少取值（用法：${USAGE}）`, `${k} needs a value (usage: ${USAGE})`);
      return v;
    };
    if (k === '--kind') a.kind = value();
    else if (k === '--db') a.db = value();
    else if (k === '--report') a.report = value();
    else if (k === '--as-of') a.asOf = value();
    else if (k === '--sheet') a.sheet = value();
    else if (k === '--problems') a.problems = value();
    else if (k === '--lang') a.lang = value() === 'en' ? 'en' : 'zh';
    else if (k === '--dry-run') a.dryRun = true;
    else if (k === '--force') a.force = true;
    else if (k === '--help' || k === '-h') throw new ArgError(`用法：${USAGE}`, `usage: ${USAGE}`);
    else if (k.startsWith('--')) throw new ArgError(`未知参数 ${k}（用法：${USAGE}）`, `unknown option ${k} (usage: ${USAGE})`);
    else files.push(k);
  }
  if (files.length !== 1) throw new ArgError(`请指定一个要导入的文件（用法：${USAGE}）`, `give exactly one file to import (usage: ${USAGE})`);
  if (!a.kind) throw new ArgError(`请用 --kind 指定导入类型（可用：${importableKinds().join(', ')}）`, `--kind is required (kinds: ${importableKinds().join(', ')})`);
  if (a.asOf !== undefined && !isValidDate(a.asOf)) throw new ArgError(`--as-of 应为 YYYY-MM-DD 格式的日期：${a.asOf}`, `--as-of must be a YYYY-MM-DD date: ${a.asOf}`);
  return { ...a, file: files[0], kind: a.kind, db: a.db ?? process.env.GSP_DB ?? path.join(ROOT, 'data/gsp.db') } as Args;
}

function fail(code: 1 | 2, zh: string, en: string): never {
  process.stderr.write(`${zh.replace(/\s*\n\s*/g, ' ')} / ${en.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

if (process.env.GSP_IMPORT_STATS) {
  // for bench/import.ts: this process's peak RSS and CPU time
  process.on('exit', () => {
    const u = process.resourceUsage();
    process.stderr.write(`GSP_IMPORT_STATS ${JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, sysMs: u.systemCPUTime / 1000 })}\n`);
  });
}

async function main() {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ArgError) fail(2, `错误：${e.zh}`, `Error: ${e.en}`);
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
  try {
    db = openDb(args.db);
  } catch (e) {
    fail(2, `错误：无法打开数据库 ${args.db}（${(e as Error).message}）`, `Error: cannot open the database ${args.db} (${(e as Error).message})`);
  }
  try {
    const clock = args.asOf ? fixedDayClock(args.asOf) : clockFromEnv();
    const result = await runImport({
      db, file: args.file, kind: args.kind, clock, actor: SYSTEM_ACTOR, lang: args.lang, dryRun: args.dryRun, force: args.force,
      sheet: args.sheet, reportFile: args.report,
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
      process.stdout.write(`导入 ${id}${args.kind} ${r.import.file}：${c.rows} 行，导入 ${c.imported}，拒收 ${c.rejected}，重复 ${c.duplicates}，规则发现 ${r.totals?.findings.total ?? r.findings.length}\n`);
    }
    db.$client.close();
  } catch (e) {
    try { db.$client.close(); } catch { /* closing anyway */ }
    if (isUsageError(e)) fail(2, `错误：${e.text('zh')}`, `Error: ${e.text('en')}`);
    process.stderr.write(`${process.env.GSP_DEBUG ? (e as Error)?.stack : (e as Error)?.message ?? e}\n`);
    fail(1, '导入失败（内部错误），未写入任何数据', 'Import failed (internal error); nothing was written');
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  fail(1, '导入失败（内部错误），未写入任何数据', 'Import failed (internal error); nothing was written');
});
