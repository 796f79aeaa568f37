/**
 * `npm test` runs the database-touching files a second time on PostgreSQL (issue #17 item 6) when a cluster is
 * there (GSP_TEST_PG: .ci/run starts one): the vitest project "pg" runs PG_SUITE minus PG_EXCLUDED with
 * GSP_TEST_ENGINE=pg, so startTestServer (test/helpers/app.ts) gives each file its scratch database cloned from
 * a migrated template. Every server file and every import file is in, with the same assertions; what is left
 * out is listed below, each with its reason — a file about SQLite itself, a file with no database, a file
 * that already runs on PostgreSQL in the shared project, or one that starts the real process on a SQLite file.
 */
export const PG_SUITE = ['test/server/**/*.test.ts', 'test/imports/**/*.test.ts'];

const NO_DATABASE = 'no database: nothing engine-specific to run again';
const PG_ALREADY = 'PostgreSQL-specific itself: runs against the cluster (GSP_TEST_PG) in the shared project';
const SQLITE_PROCESS =
  'starts the real process (npm start / a CLI) on a SQLite file; the PostgreSQL start is test/server/main-postgres.test.ts and the PostgreSQL CLIs test/server/cli/pg-ops.test.ts';

/** The files the pg project leaves out, and why. */
export const PG_EXCLUDED: Record<string, string> = {
  // about SQLite itself
  'test/server/busy.test.ts':
    'another SQLite connection holding the write lock (BEGIN IMMEDIATE, busy_timeout); the PostgreSQL lock waits are in test/server/db/pg-engine.test.ts',
  'test/server/db-seam.test.ts': 'the SQLite engine (one writer, the read-only reader, savepoints); the PostgreSQL engine is test/server/db/pg-engine.test.ts',
  'test/server/list-search.test.ts': 'the SQLite FTS5 tables and their triggers; the PostgreSQL search is test/server/db/dialect.test.ts',
  'test/server/bulk/merge-recovery.test.ts':
    'the SQLite ledger merge in short transactions and its recovery at opening (WAL, dropped indexes); the PostgreSQL merge is one transaction (test/imports/pg-nothing-partial.test.ts, pg-merge-lock.test.ts)',
  'test/imports/bulk-http.test.ts':
    'the SQLite bulk merge in short WAL transactions beside the server (writer-blocking time, journal mode); on PostgreSQL the merge is one transaction that holds the write lock only to reserve and to finish, a write beside it is test/imports/pg-merge-lock.test.ts',
  'test/server/list-live-counts.test.ts':
    'SQLite’s kept live-row counts (their triggers, another SQLite connection’s raw writes); PostgreSQL’s are test/imports/pg-live-counts.test.ts',
  'test/imports/bulk-journal.test.ts': 'the SQLite bulk journal (synchronous, WAL, synchronous=NORMAL/FULL)',
  'test/server/write-hooks.test.ts': 'the hook registry before the composition registers it, in a process of its own on an in-memory SQLite',
  'test/imports/upload-stream.test.ts':
    'the process’s live memory while an upload streams, in a process of its own: the upload path is the same on both engines',
  // the importer driven on a SQLite file (test/imports/pipeline-fixtures.ts tempDb); its PostgreSQL path is pg-parity and pg-nothing-partial
  'test/imports/pipeline.test.ts': 'the importer on a SQLite file (tempDb): its PostgreSQL path is compared row for row in test/imports/pg-parity.test.ts',
  'test/imports/cli.test.ts': SQLITE_PROCESS,
  'test/imports/cli-launcher.test.ts': SQLITE_PROCESS,
  'test/imports/score.test.ts': SQLITE_PROCESS,
  'test/server/service.test.ts': SQLITE_PROCESS,
  'test/server/hardening/server-process.test.ts': SQLITE_PROCESS,
  'test/server/hardening/first-start-passwords.test.ts': SQLITE_PROCESS,
  'test/server/hardening/cli-db-file.test.ts': SQLITE_PROCESS,
  'test/server/cli/db-migrate.test.ts': 'runs db:migrate on both engines itself (SQLite file and DATABASE_URL)',
  // PostgreSQL-specific already
  'test/server/main-postgres.test.ts': PG_ALREADY,
  'test/server/cli/pg-ops.test.ts': PG_ALREADY,
  'test/server/db/pg-engine.test.ts': PG_ALREADY,
  'test/server/db/pg-audit-chain.test.ts': PG_ALREADY,
  'test/server/db/pg-queries.test.ts': PG_ALREADY,
  'test/server/db/dialect.test.ts': PG_ALREADY,
  'test/imports/pg-parity.test.ts': PG_ALREADY,
  'test/imports/pg-nothing-partial.test.ts': PG_ALREADY,
  'test/imports/pg-merge-lock.test.ts': PG_ALREADY,
  'test/imports/pg-rebuild.test.ts': PG_ALREADY,
  // no database
  'test/server/env.test.ts': NO_DATABASE,
  'test/server/documents/pdf-renderer.test.ts': NO_DATABASE,
  'test/imports/corpora.test.ts': NO_DATABASE,
  'test/imports/csv.test.ts': NO_DATABASE,
  'test/imports/encoding.test.ts': NO_DATABASE,
  'test/imports/headers.test.ts': NO_DATABASE,
  'test/imports/ledger-columns.test.ts': NO_DATABASE,
  'test/imports/normalize.test.ts': NO_DATABASE,
  'test/imports/samples.test.ts': NO_DATABASE,
  'test/imports/sheet-thread.test.ts': NO_DATABASE,
  'test/imports/xlsx.test.ts': NO_DATABASE,
  'test/imports/xlsx-differential.test.ts': NO_DATABASE,
};
