-- The rule re-check's own state (server/services/rules/recheck-progress.ts), created at run time before this
-- migration (hence IF NOT EXISTS: such a database keeps its tables and its UNIQUE (by, ref_id); queued_at is written
-- by the insert, dialect.ts nowIso, so the two migration sets have no engine-specific default). The same in drizzle-pg/0003_recheck_tables.sql.
-- The queue of master records whose sales lines the next re-check evaluates
CREATE TABLE IF NOT EXISTS rule_recheck_pending (
  id INTEGER PRIMARY KEY, "by" TEXT NOT NULL, ref_id INTEGER NOT NULL, queued_at TEXT NOT NULL);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS rule_recheck_pending_by_ref ON rule_recheck_pending ("by", ref_id);
--> statement-breakpoint
-- One row: where the running (or last) re-check stands
CREATE TABLE IF NOT EXISTS rule_recheck (
  id INTEGER PRIMARY KEY CHECK (id = 1), status TEXT NOT NULL, as_of TEXT NOT NULL, since TEXT, last_done TEXT,
  fingerprint TEXT NOT NULL, kind TEXT, last_id INTEGER NOT NULL DEFAULT 0, pending_upto INTEGER NOT NULL DEFAULT 0, records INTEGER NOT NULL DEFAULT 0,
  opened INTEGER NOT NULL DEFAULT 0, resolved INTEGER NOT NULL DEFAULT 0, batches INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT, work_ms INTEGER NOT NULL DEFAULT 0);
