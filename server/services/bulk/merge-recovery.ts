/**
 * A ledger merge commits in many short transactions (merge-chunks.ts). While it runs, its imports row is
 * `running` with a marker naming the process that merges (host, pid, its start) and the indexes and row-count
 * triggers it dropped to put back at the end (merge-triggers.ts). A process killed in the middle leaves part
 * of its records behind: every opening of the database (server/db.ts: the server before it serves, the CLI,
 * backups) removes the records of an unfinished merge whose process is gone — by their `import_id`, in short
 * transactions — puts the dropped indexes and triggers back (the tables' live counts taken again) and deletes
 * the imports row, so nothing partial outlives a crash. A merge whose process still runs (a CLI beside the
 * server, an import worker thread) is left alone.
 * Only better-sqlite3 and Node here: the database's open path uses this file.
 */
import type Database from 'better-sqlite3';
import os from 'node:os';
import { restoreTriggers } from './merge-triggers';

interface MergeMarker {
  host: string;
  pid: number;
  /** when the merging process started (ms since the epoch, to the second): a pid reused later differs */
  boot: number;
  /** CREATE INDEX statements of the indexes dropped for the merge (built again at its end) */
  indexes: string[];
  /** CREATE TRIGGER statements of the row-count triggers set aside (merge-triggers.ts; absent in older markers) */
  triggers?: string[];
}

/** What a merge dropped and must put back: in its marker, and handed to removeImport on a failure. */
export interface SetAside {
  indexes: string[];
  triggers: string[];
}

const processBoot = () => Math.round((Date.now() - process.uptime() * 1000) / 1000) * 1000;

export function mergeMarker(aside: SetAside): MergeMarker {
  return { host: os.hostname(), pid: process.pid, boot: processBoot(), ...aside };
}

function alive(m: MergeMarker): boolean {
  if (m.host !== os.hostname()) return true; // another machine's merge (a shared file): not ours to judge
  if (m.pid === process.pid) return Math.abs(m.boot - processBoot()) <= 2000; // this process (a worker thread's merge)
  try {
    process.kill(m.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, someone else's
  }
}

const q = (c: string) => `"${c}"`;

/** Tables whose rows carry the import that wrote them. */
function tablesWithImportId(sqlite: Database.Database): string[] {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const has = sqlite.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'import_id'");
  return tables.filter((t) => has.get(t));
}

/**
 * Removes every record an import wrote, puts its dropped indexes and triggers back and deletes its imports
 * row; each step a short transaction run through `tx` (the merge's timed writer, or a plain IMMEDIATE
 * transaction). The rows go first: with their count triggers still set aside, deleting them subtracts
 * nothing (they were never counted), and each table is then counted whole.
 */
export function removeImport(sqlite: Database.Database, importId: number, { indexes, triggers }: SetAside, tx: <T>(fn: () => T) => T = plainTx(sqlite)): void {
  const fks = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF'); // the import's records refer to each other; they all go
  try {
    for (const t of tablesWithImportId(sqlite)) {
      const del = sqlite.prepare(`DELETE FROM ${q(t)} WHERE id IN (SELECT id FROM ${q(t)} WHERE import_id = ? LIMIT 20000)`);
      while (tx(() => del.run(importId).changes) > 0);
    }
    for (const sql of indexes) {
      const name = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+[`"]?([^`"\s]+)[`"]?/i.exec(sql)?.[1];
      if (name && !sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name)) tx(() => sqlite.exec(sql));
    }
    restoreTriggers(sqlite, triggers, tx);
    tx(() => sqlite.prepare('DELETE FROM imports WHERE id = ?').run(importId));
  } finally {
    sqlite.pragma(`foreign_keys = ${fks ? 'ON' : 'OFF'}`);
  }
}

const plainTx =
  (sqlite: Database.Database) =>
  <T>(fn: () => T): T =>
    sqlite.transaction(fn).immediate();

/** Removes the unfinished merges of processes that are gone; returns their import ids. */
export function recoverUnfinishedMerges(sqlite: Database.Database): number[] {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports'").get()) return [];
  const running = sqlite.prepare("SELECT id, counts FROM imports WHERE status = 'running'").all() as Array<{ id: number; counts: string | null }>;
  const removed: number[] = [];
  for (const r of running) {
    let marker: MergeMarker | undefined;
    try {
      marker = (JSON.parse(r.counts ?? 'null') as { merging?: MergeMarker } | null)?.merging;
    } catch {
      marker = undefined;
    }
    if (!marker || alive(marker)) continue;
    removeImport(sqlite, r.id, { indexes: marker.indexes, triggers: marker.triggers ?? [] });
    removed.push(r.id);
  }
  return removed;
}
