-- Custom (hand-written), two parts. (1) The ledger merge on PostgreSQL no longer holds the global write lock while it inserts
-- (server/services/bulk/pg-merge.ts): its rows stay invisible until its COMMIT, so other writers go on meanwhile.
-- The kept counts' statement triggers (0004_live_counts.sql) would make them wait all the same: each bulk INSERT
-- … SELECT updates its table's one row_counts row, and that row lock is held until the merge commits. So a
-- transaction that set gsp.counts_by_caller = 'on' (SET LOCAL: that transaction only) is not counted by the
-- triggers; it adds what it wrote itself, under the write lock, just before its COMMIT (exact: the counts a
-- reader sees change with the rows, in the same commit). Every other write path is counted as before.
CREATE OR REPLACE FUNCTION "gsp_count_voidable"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dl bigint := 0;
  dv bigint := 0;
  n bigint;
  v bigint;
BEGIN
  IF current_setting('gsp.counts_by_caller', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "row_counts" SET "live" = 0, "voided" = 0 WHERE "tbl" = TG_TABLE_NAME;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT count(*) - count("voided_at"), count("voided_at") INTO n, v FROM "new_rows";
    dl := dl + n;
    dv := dv + v;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT count(*) - count("voided_at"), count("voided_at") INTO n, v FROM "old_rows";
    dl := dl - n;
    dv := dv - v;
  END IF;
  IF dl <> 0 OR dv <> 0 THEN
    UPDATE "row_counts" SET "live" = "live" + dl, "voided" = "voided" + dv WHERE "tbl" = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "gsp_count_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d bigint;
BEGIN
  IF current_setting('gsp.counts_by_caller', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "row_counts" SET "live" = 0 WHERE "tbl" = TG_TABLE_NAME;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT count(*) INTO d FROM "new_rows";
    UPDATE "row_counts" SET "live" = "live" + d WHERE "tbl" = TG_TABLE_NAME;
  ELSE
    SELECT count(*) INTO d FROM "old_rows";
    UPDATE "row_counts" SET "live" = "live" - d WHERE "tbl" = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The merge may also skip PostgreSQL's per-row foreign-key triggers and check every reference set-wise
-- instead, where a DBA allowed the application role to (GRANT SET ON PARAMETER session_replication_role:
-- README "PostgreSQL runbook"). session_replication_role = replica skips every trigger not marked ALWAYS:
-- so each of ours is — the append-only guards (0001) and the kept counts (0004) fire in any mode, and the
-- setting skips nothing but the foreign-key checks. A trigger added later must be enabled ALWAYS too
-- (test/imports/pg-merge-lock.test.ts checks every one).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT c.relname, g.tgname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE NOT g.tgisinternal AND n.nspname = current_schema() LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', t.relname, t.tgname);
  END LOOP;
END
$$;
