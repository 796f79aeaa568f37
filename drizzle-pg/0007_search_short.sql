-- Custom (hand-written): `q` shorter than three characters over the `textIndex` columns. pg_trgm (0002) cannot
-- serve it — a one- or two-character pattern has no trigram — so `col ILIKE '%益丰%'` was a scan of the table
-- (300k sales orders: ≈ 100–170 ms of CPU; bench/README.md session 10). A GIN index over the column's
-- characters, lower-cased as ILIKE compares them, finds the rows holding every character of the text; ILIKE
-- then checks the substring on those few (server/crud/list-query.ts matching()). string_to_array(…, NULL) is
-- built in and inlined: ≈ 10 µs a row to index (a gram function in SQL cost ten times that on every insert).
-- Keep in step with the declarations (test/schema/dialect-parity.test.ts).
CREATE INDEX "sales_orders__chars_order_no" ON "sales_orders" USING gin (string_to_array(lower("order_no"), NULL));
--> statement-breakpoint
CREATE INDEX "customers__chars_name" ON "customers" USING gin (string_to_array(lower("name"), NULL));
--> statement-breakpoint
CREATE INDEX "products__chars_generic_name" ON "products" USING gin (string_to_array(lower("generic_name"), NULL));
