-- Custom (hand-written): live-row counts kept exact by statement triggers, in the same transaction as the rows,
-- for every write path (the write service, the ledger merge's INSERT … SELECT, void-import's UPDATE of voided_at,
-- TRUNCATE): an unfiltered list's total (Content-Range) is one indexed row (server/db/pg-live-counts.ts) instead of
-- a count over the whole table (1M sales lines: 123–257 ms on PostgreSQL). The PostgreSQL side of SQLite's
-- row_counts (same table, same rows, same trigger names; branch reads, drizzle/0020_live_counts.sql). One
-- counter row per table costs no concurrency here: every writer already holds the global advisory write lock
-- (server/db/pg.ts), and a writer that does not waits on the row lock, UPDATE … SET live = live + d being exact
-- under READ COMMITTED. FOR EACH STATEMENT with transition tables: a bulk INSERT … SELECT of 1M rows is one
-- count over its transition table and one UPDATE, not 1M. A table added later gets its row and triggers in a
-- migration of its own (test/server/pg-live-counts.test.ts checks every table listed here has them).
CREATE TABLE "row_counts" (
	"tbl" text PRIMARY KEY NOT NULL,
	"live" bigint NOT NULL,
	"voided" bigint NOT NULL
);
--> statement-breakpoint
-- rows as they enter and leave; voided_at IS NULL is live (the list's default filter)
CREATE FUNCTION "gsp_count_voidable"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dl bigint := 0;
  dv bigint := 0;
  n bigint;
  v bigint;
BEGIN
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
-- a table without voided_at: every row is live
CREATE FUNCTION "gsp_count_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d bigint;
BEGIN
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
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'users', count(*) - count("voided_at"), count("voided_at") FROM "users";
--> statement-breakpoint
CREATE TRIGGER "users_count_insert" AFTER INSERT ON "users" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "users_count_delete" AFTER DELETE ON "users" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "users_count_void" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "users_count_truncate" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'audit_log', count(*), 0 FROM "audit_log";
--> statement-breakpoint
CREATE TRIGGER "audit_log_count_insert" AFTER INSERT ON "audit_log" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_rows"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_count_delete" AFTER DELETE ON "audit_log" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_rows"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_count_truncate" AFTER TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_rows"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'signatures', count(*) - count("voided_at"), count("voided_at") FROM "signatures";
--> statement-breakpoint
CREATE TRIGGER "signatures_count_insert" AFTER INSERT ON "signatures" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "signatures_count_delete" AFTER DELETE ON "signatures" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "signatures_count_void" AFTER UPDATE ON "signatures" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "signatures_count_truncate" AFTER TRUNCATE ON "signatures" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'imports', count(*) - count("voided_at"), count("voided_at") FROM "imports";
--> statement-breakpoint
CREATE TRIGGER "imports_count_insert" AFTER INSERT ON "imports" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "imports_count_delete" AFTER DELETE ON "imports" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "imports_count_void" AFTER UPDATE ON "imports" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "imports_count_truncate" AFTER TRUNCATE ON "imports" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'import_rejects', count(*) - count("voided_at"), count("voided_at") FROM "import_rejects";
--> statement-breakpoint
CREATE TRIGGER "import_rejects_count_insert" AFTER INSERT ON "import_rejects" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "import_rejects_count_delete" AFTER DELETE ON "import_rejects" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "import_rejects_count_void" AFTER UPDATE ON "import_rejects" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "import_rejects_count_truncate" AFTER TRUNCATE ON "import_rejects" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'findings', count(*) - count("voided_at"), count("voided_at") FROM "findings";
--> statement-breakpoint
CREATE TRIGGER "findings_count_insert" AFTER INSERT ON "findings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "findings_count_delete" AFTER DELETE ON "findings" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "findings_count_void" AFTER UPDATE ON "findings" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "findings_count_truncate" AFTER TRUNCATE ON "findings" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'settings', count(*) - count("voided_at"), count("voided_at") FROM "settings";
--> statement-breakpoint
CREATE TRIGGER "settings_count_insert" AFTER INSERT ON "settings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "settings_count_delete" AFTER DELETE ON "settings" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "settings_count_void" AFTER UPDATE ON "settings" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "settings_count_truncate" AFTER TRUNCATE ON "settings" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'company_licenses', count(*) - count("voided_at"), count("voided_at") FROM "company_licenses";
--> statement-breakpoint
CREATE TRIGGER "company_licenses_count_insert" AFTER INSERT ON "company_licenses" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "company_licenses_count_delete" AFTER DELETE ON "company_licenses" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "company_licenses_count_void" AFTER UPDATE ON "company_licenses" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "company_licenses_count_truncate" AFTER TRUNCATE ON "company_licenses" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'customers', count(*) - count("voided_at"), count("voided_at") FROM "customers";
--> statement-breakpoint
CREATE TRIGGER "customers_count_insert" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customers_count_delete" AFTER DELETE ON "customers" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customers_count_void" AFTER UPDATE ON "customers" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customers_count_truncate" AFTER TRUNCATE ON "customers" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'customer_licenses', count(*) - count("voided_at"), count("voided_at") FROM "customer_licenses";
--> statement-breakpoint
CREATE TRIGGER "customer_licenses_count_insert" AFTER INSERT ON "customer_licenses" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_licenses_count_delete" AFTER DELETE ON "customer_licenses" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_licenses_count_void" AFTER UPDATE ON "customer_licenses" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_licenses_count_truncate" AFTER TRUNCATE ON "customer_licenses" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'customer_agents', count(*) - count("voided_at"), count("voided_at") FROM "customer_agents";
--> statement-breakpoint
CREATE TRIGGER "customer_agents_count_insert" AFTER INSERT ON "customer_agents" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_agents_count_delete" AFTER DELETE ON "customer_agents" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_agents_count_void" AFTER UPDATE ON "customer_agents" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "customer_agents_count_truncate" AFTER TRUNCATE ON "customer_agents" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'salespeople', count(*) - count("voided_at"), count("voided_at") FROM "salespeople";
--> statement-breakpoint
CREATE TRIGGER "salespeople_count_insert" AFTER INSERT ON "salespeople" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salespeople_count_delete" AFTER DELETE ON "salespeople" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salespeople_count_void" AFTER UPDATE ON "salespeople" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salespeople_count_truncate" AFTER TRUNCATE ON "salespeople" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'authorizations', count(*) - count("voided_at"), count("voided_at") FROM "authorizations";
--> statement-breakpoint
CREATE TRIGGER "authorizations_count_insert" AFTER INSERT ON "authorizations" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "authorizations_count_delete" AFTER DELETE ON "authorizations" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "authorizations_count_void" AFTER UPDATE ON "authorizations" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "authorizations_count_truncate" AFTER TRUNCATE ON "authorizations" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'trainings', count(*) - count("voided_at"), count("voided_at") FROM "trainings";
--> statement-breakpoint
CREATE TRIGGER "trainings_count_insert" AFTER INSERT ON "trainings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "trainings_count_delete" AFTER DELETE ON "trainings" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "trainings_count_void" AFTER UPDATE ON "trainings" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "trainings_count_truncate" AFTER TRUNCATE ON "trainings" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'products', count(*) - count("voided_at"), count("voided_at") FROM "products";
--> statement-breakpoint
CREATE TRIGGER "products_count_insert" AFTER INSERT ON "products" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "products_count_delete" AFTER DELETE ON "products" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "products_count_void" AFTER UPDATE ON "products" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "products_count_truncate" AFTER TRUNCATE ON "products" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'batches', count(*) - count("voided_at"), count("voided_at") FROM "batches";
--> statement-breakpoint
CREATE TRIGGER "batches_count_insert" AFTER INSERT ON "batches" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "batches_count_delete" AFTER DELETE ON "batches" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "batches_count_void" AFTER UPDATE ON "batches" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "batches_count_truncate" AFTER TRUNCATE ON "batches" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'contracts', count(*) - count("voided_at"), count("voided_at") FROM "contracts";
--> statement-breakpoint
CREATE TRIGGER "contracts_count_insert" AFTER INSERT ON "contracts" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "contracts_count_delete" AFTER DELETE ON "contracts" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "contracts_count_void" AFTER UPDATE ON "contracts" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "contracts_count_truncate" AFTER TRUNCATE ON "contracts" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'sales_orders', count(*) - count("voided_at"), count("voided_at") FROM "sales_orders";
--> statement-breakpoint
CREATE TRIGGER "sales_orders_count_insert" AFTER INSERT ON "sales_orders" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_orders_count_delete" AFTER DELETE ON "sales_orders" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_orders_count_void" AFTER UPDATE ON "sales_orders" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_orders_count_truncate" AFTER TRUNCATE ON "sales_orders" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'sales_lines', count(*) - count("voided_at"), count("voided_at") FROM "sales_lines";
--> statement-breakpoint
CREATE TRIGGER "sales_lines_count_insert" AFTER INSERT ON "sales_lines" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_lines_count_delete" AFTER DELETE ON "sales_lines" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_lines_count_void" AFTER UPDATE ON "sales_lines" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "sales_lines_count_truncate" AFTER TRUNCATE ON "sales_lines" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'special_checks', count(*) - count("voided_at"), count("voided_at") FROM "special_checks";
--> statement-breakpoint
CREATE TRIGGER "special_checks_count_insert" AFTER INSERT ON "special_checks" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "special_checks_count_delete" AFTER DELETE ON "special_checks" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "special_checks_count_void" AFTER UPDATE ON "special_checks" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "special_checks_count_truncate" AFTER TRUNCATE ON "special_checks" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'outbound_slips', count(*) - count("voided_at"), count("voided_at") FROM "outbound_slips";
--> statement-breakpoint
CREATE TRIGGER "outbound_slips_count_insert" AFTER INSERT ON "outbound_slips" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "outbound_slips_count_delete" AFTER DELETE ON "outbound_slips" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "outbound_slips_count_void" AFTER UPDATE ON "outbound_slips" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "outbound_slips_count_truncate" AFTER TRUNCATE ON "outbound_slips" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'invoices', count(*) - count("voided_at"), count("voided_at") FROM "invoices";
--> statement-breakpoint
CREATE TRIGGER "invoices_count_insert" AFTER INSERT ON "invoices" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoices_count_delete" AFTER DELETE ON "invoices" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoices_count_void" AFTER UPDATE ON "invoices" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoices_count_truncate" AFTER TRUNCATE ON "invoices" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'invoice_slips', count(*) - count("voided_at"), count("voided_at") FROM "invoice_slips";
--> statement-breakpoint
CREATE TRIGGER "invoice_slips_count_insert" AFTER INSERT ON "invoice_slips" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_slips_count_delete" AFTER DELETE ON "invoice_slips" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_slips_count_void" AFTER UPDATE ON "invoice_slips" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_slips_count_truncate" AFTER TRUNCATE ON "invoice_slips" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'invoice_lines', count(*) - count("voided_at"), count("voided_at") FROM "invoice_lines";
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_count_insert" AFTER INSERT ON "invoice_lines" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_count_delete" AFTER DELETE ON "invoice_lines" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_count_void" AFTER UPDATE ON "invoice_lines" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_count_truncate" AFTER TRUNCATE ON "invoice_lines" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'payments', count(*) - count("voided_at"), count("voided_at") FROM "payments";
--> statement-breakpoint
CREATE TRIGGER "payments_count_insert" AFTER INSERT ON "payments" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "payments_count_delete" AFTER DELETE ON "payments" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "payments_count_void" AFTER UPDATE ON "payments" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "payments_count_truncate" AFTER TRUNCATE ON "payments" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'visits', count(*) - count("voided_at"), count("voided_at") FROM "visits";
--> statement-breakpoint
CREATE TRIGGER "visits_count_insert" AFTER INSERT ON "visits" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "visits_count_delete" AFTER DELETE ON "visits" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "visits_count_void" AFTER UPDATE ON "visits" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "visits_count_truncate" AFTER TRUNCATE ON "visits" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'complaints', count(*) - count("voided_at"), count("voided_at") FROM "complaints";
--> statement-breakpoint
CREATE TRIGGER "complaints_count_insert" AFTER INSERT ON "complaints" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "complaints_count_delete" AFTER DELETE ON "complaints" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "complaints_count_void" AFTER UPDATE ON "complaints" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "complaints_count_truncate" AFTER TRUNCATE ON "complaints" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'quality_feedback', count(*) - count("voided_at"), count("voided_at") FROM "quality_feedback";
--> statement-breakpoint
CREATE TRIGGER "quality_feedback_count_insert" AFTER INSERT ON "quality_feedback" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "quality_feedback_count_delete" AFTER DELETE ON "quality_feedback" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "quality_feedback_count_void" AFTER UPDATE ON "quality_feedback" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "quality_feedback_count_truncate" AFTER TRUNCATE ON "quality_feedback" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'adverse_reactions', count(*) - count("voided_at"), count("voided_at") FROM "adverse_reactions";
--> statement-breakpoint
CREATE TRIGGER "adverse_reactions_count_insert" AFTER INSERT ON "adverse_reactions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "adverse_reactions_count_delete" AFTER DELETE ON "adverse_reactions" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "adverse_reactions_count_void" AFTER UPDATE ON "adverse_reactions" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "adverse_reactions_count_truncate" AFTER TRUNCATE ON "adverse_reactions" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'recalls', count(*) - count("voided_at"), count("voided_at") FROM "recalls";
--> statement-breakpoint
CREATE TRIGGER "recalls_count_insert" AFTER INSERT ON "recalls" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recalls_count_delete" AFTER DELETE ON "recalls" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recalls_count_void" AFTER UPDATE ON "recalls" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recalls_count_truncate" AFTER TRUNCATE ON "recalls" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'recall_notices', count(*) - count("voided_at"), count("voided_at") FROM "recall_notices";
--> statement-breakpoint
CREATE TRIGGER "recall_notices_count_insert" AFTER INSERT ON "recall_notices" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recall_notices_count_delete" AFTER DELETE ON "recall_notices" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recall_notices_count_void" AFTER UPDATE ON "recall_notices" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "recall_notices_count_truncate" AFTER TRUNCATE ON "recall_notices" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'attachments', count(*) - count("voided_at"), count("voided_at") FROM "attachments";
--> statement-breakpoint
CREATE TRIGGER "attachments_count_insert" AFTER INSERT ON "attachments" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "attachments_count_delete" AFTER DELETE ON "attachments" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "attachments_count_void" AFTER UPDATE ON "attachments" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "attachments_count_truncate" AFTER TRUNCATE ON "attachments" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'document_deliveries', count(*) - count("voided_at"), count("voided_at") FROM "document_deliveries";
--> statement-breakpoint
CREATE TRIGGER "document_deliveries_count_insert" AFTER INSERT ON "document_deliveries" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "document_deliveries_count_delete" AFTER DELETE ON "document_deliveries" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "document_deliveries_count_void" AFTER UPDATE ON "document_deliveries" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "document_deliveries_count_truncate" AFTER TRUNCATE ON "document_deliveries" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'nonconformities', count(*) - count("voided_at"), count("voided_at") FROM "nonconformities";
--> statement-breakpoint
CREATE TRIGGER "nonconformities_count_insert" AFTER INSERT ON "nonconformities" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformities_count_delete" AFTER DELETE ON "nonconformities" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformities_count_void" AFTER UPDATE ON "nonconformities" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformities_count_truncate" AFTER TRUNCATE ON "nonconformities" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'nonconformity_notices', count(*) - count("voided_at"), count("voided_at") FROM "nonconformity_notices";
--> statement-breakpoint
CREATE TRIGGER "nonconformity_notices_count_insert" AFTER INSERT ON "nonconformity_notices" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformity_notices_count_delete" AFTER DELETE ON "nonconformity_notices" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformity_notices_count_void" AFTER UPDATE ON "nonconformity_notices" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "nonconformity_notices_count_truncate" AFTER TRUNCATE ON "nonconformity_notices" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'deliveries', count(*) - count("voided_at"), count("voided_at") FROM "deliveries";
--> statement-breakpoint
CREATE TRIGGER "deliveries_count_insert" AFTER INSERT ON "deliveries" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "deliveries_count_delete" AFTER DELETE ON "deliveries" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "deliveries_count_void" AFTER UPDATE ON "deliveries" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "deliveries_count_truncate" AFTER TRUNCATE ON "deliveries" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'replies', count(*) - count("voided_at"), count("voided_at") FROM "replies";
--> statement-breakpoint
CREATE TRIGGER "replies_count_insert" AFTER INSERT ON "replies" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "replies_count_delete" AFTER DELETE ON "replies" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "replies_count_void" AFTER UPDATE ON "replies" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "replies_count_truncate" AFTER TRUNCATE ON "replies" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'service_promises', count(*) - count("voided_at"), count("voided_at") FROM "service_promises";
--> statement-breakpoint
CREATE TRIGGER "service_promises_count_insert" AFTER INSERT ON "service_promises" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "service_promises_count_delete" AFTER DELETE ON "service_promises" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "service_promises_count_void" AFTER UPDATE ON "service_promises" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "service_promises_count_truncate" AFTER TRUNCATE ON "service_promises" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'follow_up_plans', count(*) - count("voided_at"), count("voided_at") FROM "follow_up_plans";
--> statement-breakpoint
CREATE TRIGGER "follow_up_plans_count_insert" AFTER INSERT ON "follow_up_plans" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "follow_up_plans_count_delete" AFTER DELETE ON "follow_up_plans" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "follow_up_plans_count_void" AFTER UPDATE ON "follow_up_plans" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "follow_up_plans_count_truncate" AFTER TRUNCATE ON "follow_up_plans" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'suppliers', count(*) - count("voided_at"), count("voided_at") FROM "suppliers";
--> statement-breakpoint
CREATE TRIGGER "suppliers_count_insert" AFTER INSERT ON "suppliers" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "suppliers_count_delete" AFTER DELETE ON "suppliers" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "suppliers_count_void" AFTER UPDATE ON "suppliers" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "suppliers_count_truncate" AFTER TRUNCATE ON "suppliers" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'supplier_agreements', count(*) - count("voided_at"), count("voided_at") FROM "supplier_agreements";
--> statement-breakpoint
CREATE TRIGGER "supplier_agreements_count_insert" AFTER INSERT ON "supplier_agreements" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "supplier_agreements_count_delete" AFTER DELETE ON "supplier_agreements" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "supplier_agreements_count_void" AFTER UPDATE ON "supplier_agreements" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "supplier_agreements_count_truncate" AFTER TRUNCATE ON "supplier_agreements" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'salesperson_assessments', count(*) - count("voided_at"), count("voided_at") FROM "salesperson_assessments";
--> statement-breakpoint
CREATE TRIGGER "salesperson_assessments_count_insert" AFTER INSERT ON "salesperson_assessments" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salesperson_assessments_count_delete" AFTER DELETE ON "salesperson_assessments" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salesperson_assessments_count_void" AFTER UPDATE ON "salesperson_assessments" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "salesperson_assessments_count_truncate" AFTER TRUNCATE ON "salesperson_assessments" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'price_filings', count(*) - count("voided_at"), count("voided_at") FROM "price_filings";
--> statement-breakpoint
CREATE TRIGGER "price_filings_count_insert" AFTER INSERT ON "price_filings" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "price_filings_count_delete" AFTER DELETE ON "price_filings" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "price_filings_count_void" AFTER UPDATE ON "price_filings" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "price_filings_count_truncate" AFTER TRUNCATE ON "price_filings" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'product_materials', count(*) - count("voided_at"), count("voided_at") FROM "product_materials";
--> statement-breakpoint
CREATE TRIGGER "product_materials_count_insert" AFTER INSERT ON "product_materials" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "product_materials_count_delete" AFTER DELETE ON "product_materials" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "product_materials_count_void" AFTER UPDATE ON "product_materials" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "product_materials_count_truncate" AFTER TRUNCATE ON "product_materials" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'market_reports', count(*) - count("voided_at"), count("voided_at") FROM "market_reports";
--> statement-breakpoint
CREATE TRIGGER "market_reports_count_insert" AFTER INSERT ON "market_reports" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "market_reports_count_delete" AFTER DELETE ON "market_reports" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "market_reports_count_void" AFTER UPDATE ON "market_reports" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "market_reports_count_truncate" AFTER TRUNCATE ON "market_reports" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
INSERT INTO "row_counts" ("tbl", "live", "voided") SELECT 'corrective_actions', count(*) - count("voided_at"), count("voided_at") FROM "corrective_actions";
--> statement-breakpoint
CREATE TRIGGER "corrective_actions_count_insert" AFTER INSERT ON "corrective_actions" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "corrective_actions_count_delete" AFTER DELETE ON "corrective_actions" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "corrective_actions_count_void" AFTER UPDATE ON "corrective_actions" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
--> statement-breakpoint
CREATE TRIGGER "corrective_actions_count_truncate" AFTER TRUNCATE ON "corrective_actions" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_count_voidable"();
