-- Custom (hand-written): the PostgreSQL side of drizzle/0018_search_fts.sql. Substring search (`q`) over the
-- columns each resource declares as `textIndex` (schema/define.ts) through pg_trgm GIN indexes, which serve
-- `col ILIKE '%text%'` (case-insensitive, as the FTS5 trigram tokenizer and SQLite's LIKE are) straight from
-- the table: no shadow table and no triggers to keep in step. pg_trgm is a trusted extension (PostgreSQL 13+):
-- the database owner may create it. It indexes Chinese text only where the database's LC_CTYPE classifies it
-- as letters (C.UTF-8 or zh_CN.UTF-8, not C): see the README's PostgreSQL runbook. Keep in step with the
-- declarations (test/schema/dialect-parity.test.ts checks each declared column has its index on both engines).
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
--> statement-breakpoint
CREATE INDEX "sales_orders__trgm_order_no" ON "sales_orders" USING gin ("order_no" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "customers__trgm_name" ON "customers" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "products__trgm_generic_name" ON "products" USING gin ("generic_name" gin_trgm_ops);
