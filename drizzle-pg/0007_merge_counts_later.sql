-- Custom (hand-written): the ledger merge on PostgreSQL no longer holds the global write lock while it inserts
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
