/**
 * The server test files `npm test` runs a second time on PostgreSQL (issue #17), when a cluster is there
 * (GSP_TEST_PG: .ci/run starts one): the vitest project "pg" runs them with GSP_TEST_ENGINE=pg, so
 * startTestServer (test/helpers/app.ts) gives each its scratch database made from a migrated template.
 * Chosen to pass every service path once within about a minute of the suite's time: the generic CRUD
 * write and list (validation, natural keys, versions, voids, filters, search, sort), authentication and the
 * audit chain, and the workflows — the fulfilment chain (orders, rules at each step, slips, invoices,
 * payments), recalls, nonconformities with the re-check, special drugs, signatures, authorisation letters,
 * and concurrent writers (lost updates, numbering, the audit chain under 8 writers).
 * Green on PostgreSQL but left out for time (each > 20 s there): rbac-matrix (3,313 tests, 88 s),
 * rbac-records, lifecycle-generated, lifecycle-bypass, workflows/aftersales, contracts, first-business,
 * fulfilment-frozen, fulfilment-unwind. staff-quality and finding-context (both import files: the importer's
 * PostgreSQL path) run here. Not on PostgreSQL: the ones that reach better-sqlite3 directly, and list-search
 * (it checks the SQLite FTS5 tables; the PostgreSQL search is covered by test/server/db/dialect.test.ts).
 */
export const PG_SUITE = [
  'test/server/crud-write.test.ts',
  'test/server/crud-list.test.ts',
  'test/server/auth.test.ts',
  'test/server/audit.test.ts',
  'test/server/workflows/fulfilment.test.ts',
  'test/server/workflows/recall.test.ts',
  'test/server/workflows/nonconformity.test.ts',
  'test/server/workflows/special.test.ts',
  'test/server/workflows/authorisation.test.ts',
  'test/server/signatures.test.ts',
  'test/server/workflows/staff-quality.test.ts',
  'test/server/finding-context.test.ts',
  // issue #17's acceptance: 8 concurrent writers (GSP_CONCURRENCY_SECONDS, default 5)
  'test/server/concurrent-writers.test.ts',
];
