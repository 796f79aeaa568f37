-- Live-row counts kept exact by triggers, in the same transaction as the rows, for every write path (the write
-- service, the ledger merge's INSERT … SELECT, void-import's UPDATE of voided_at, merge recovery's DELETE):
-- an unfiltered list's total (Content-Range) is one row here instead of a walk over every index entry
-- (server/db/live-counts.ts; 1M sales lines: ≈ 8 ms CPU per count, and any commit made the count cache count
-- again). SQLite only: it has one writer at a time, so the one counter row per table costs no concurrency
-- (PostgreSQL keeps counting). A table without a row here is counted as before. Hand-written: a table added
-- later gets its row and triggers in a migration of its own (test/server/list-live-counts.test.ts checks them).
CREATE TABLE `row_counts` (
  `tbl` text PRIMARY KEY NOT NULL,
  `live` integer NOT NULL,
  `voided` integer NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'users', count(*) - count(`voided_at`), count(`voided_at`) FROM `users`;--> statement-breakpoint
CREATE TRIGGER `users_count_insert` AFTER INSERT ON `users` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'users';
END;--> statement-breakpoint
CREATE TRIGGER `users_count_delete` AFTER DELETE ON `users` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'users';
END;--> statement-breakpoint
CREATE TRIGGER `users_count_void` AFTER UPDATE OF `voided_at` ON `users` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'users';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'audit_log', count(*), 0 FROM `audit_log`;--> statement-breakpoint
CREATE TRIGGER `audit_log_count_insert` AFTER INSERT ON `audit_log` BEGIN
  UPDATE `row_counts` SET `live` = `live` + 1 WHERE `tbl` = 'audit_log';
END;--> statement-breakpoint
CREATE TRIGGER `audit_log_count_delete` AFTER DELETE ON `audit_log` BEGIN
  UPDATE `row_counts` SET `live` = `live` - 1 WHERE `tbl` = 'audit_log';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'signatures', count(*) - count(`voided_at`), count(`voided_at`) FROM `signatures`;--> statement-breakpoint
CREATE TRIGGER `signatures_count_insert` AFTER INSERT ON `signatures` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'signatures';
END;--> statement-breakpoint
CREATE TRIGGER `signatures_count_delete` AFTER DELETE ON `signatures` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'signatures';
END;--> statement-breakpoint
CREATE TRIGGER `signatures_count_void` AFTER UPDATE OF `voided_at` ON `signatures` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'signatures';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'imports', count(*) - count(`voided_at`), count(`voided_at`) FROM `imports`;--> statement-breakpoint
CREATE TRIGGER `imports_count_insert` AFTER INSERT ON `imports` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'imports';
END;--> statement-breakpoint
CREATE TRIGGER `imports_count_delete` AFTER DELETE ON `imports` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'imports';
END;--> statement-breakpoint
CREATE TRIGGER `imports_count_void` AFTER UPDATE OF `voided_at` ON `imports` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'imports';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'import_rejects', count(*) - count(`voided_at`), count(`voided_at`) FROM `import_rejects`;--> statement-breakpoint
CREATE TRIGGER `import_rejects_count_insert` AFTER INSERT ON `import_rejects` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'import_rejects';
END;--> statement-breakpoint
CREATE TRIGGER `import_rejects_count_delete` AFTER DELETE ON `import_rejects` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'import_rejects';
END;--> statement-breakpoint
CREATE TRIGGER `import_rejects_count_void` AFTER UPDATE OF `voided_at` ON `import_rejects` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'import_rejects';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'findings', count(*) - count(`voided_at`), count(`voided_at`) FROM `findings`;--> statement-breakpoint
CREATE TRIGGER `findings_count_insert` AFTER INSERT ON `findings` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'findings';
END;--> statement-breakpoint
CREATE TRIGGER `findings_count_delete` AFTER DELETE ON `findings` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'findings';
END;--> statement-breakpoint
CREATE TRIGGER `findings_count_void` AFTER UPDATE OF `voided_at` ON `findings` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'findings';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'settings', count(*) - count(`voided_at`), count(`voided_at`) FROM `settings`;--> statement-breakpoint
CREATE TRIGGER `settings_count_insert` AFTER INSERT ON `settings` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'settings';
END;--> statement-breakpoint
CREATE TRIGGER `settings_count_delete` AFTER DELETE ON `settings` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'settings';
END;--> statement-breakpoint
CREATE TRIGGER `settings_count_void` AFTER UPDATE OF `voided_at` ON `settings` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'settings';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'company_licenses', count(*) - count(`voided_at`), count(`voided_at`) FROM `company_licenses`;--> statement-breakpoint
CREATE TRIGGER `company_licenses_count_insert` AFTER INSERT ON `company_licenses` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'company_licenses';
END;--> statement-breakpoint
CREATE TRIGGER `company_licenses_count_delete` AFTER DELETE ON `company_licenses` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'company_licenses';
END;--> statement-breakpoint
CREATE TRIGGER `company_licenses_count_void` AFTER UPDATE OF `voided_at` ON `company_licenses` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'company_licenses';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'customers', count(*) - count(`voided_at`), count(`voided_at`) FROM `customers`;--> statement-breakpoint
CREATE TRIGGER `customers_count_insert` AFTER INSERT ON `customers` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'customers';
END;--> statement-breakpoint
CREATE TRIGGER `customers_count_delete` AFTER DELETE ON `customers` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customers';
END;--> statement-breakpoint
CREATE TRIGGER `customers_count_void` AFTER UPDATE OF `voided_at` ON `customers` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customers';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'customer_licenses', count(*) - count(`voided_at`), count(`voided_at`) FROM `customer_licenses`;--> statement-breakpoint
CREATE TRIGGER `customer_licenses_count_insert` AFTER INSERT ON `customer_licenses` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_licenses';
END;--> statement-breakpoint
CREATE TRIGGER `customer_licenses_count_delete` AFTER DELETE ON `customer_licenses` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_licenses';
END;--> statement-breakpoint
CREATE TRIGGER `customer_licenses_count_void` AFTER UPDATE OF `voided_at` ON `customer_licenses` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_licenses';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'customer_agents', count(*) - count(`voided_at`), count(`voided_at`) FROM `customer_agents`;--> statement-breakpoint
CREATE TRIGGER `customer_agents_count_insert` AFTER INSERT ON `customer_agents` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_agents';
END;--> statement-breakpoint
CREATE TRIGGER `customer_agents_count_delete` AFTER DELETE ON `customer_agents` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_agents';
END;--> statement-breakpoint
CREATE TRIGGER `customer_agents_count_void` AFTER UPDATE OF `voided_at` ON `customer_agents` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'customer_agents';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'salespeople', count(*) - count(`voided_at`), count(`voided_at`) FROM `salespeople`;--> statement-breakpoint
CREATE TRIGGER `salespeople_count_insert` AFTER INSERT ON `salespeople` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'salespeople';
END;--> statement-breakpoint
CREATE TRIGGER `salespeople_count_delete` AFTER DELETE ON `salespeople` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'salespeople';
END;--> statement-breakpoint
CREATE TRIGGER `salespeople_count_void` AFTER UPDATE OF `voided_at` ON `salespeople` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'salespeople';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'authorizations', count(*) - count(`voided_at`), count(`voided_at`) FROM `authorizations`;--> statement-breakpoint
CREATE TRIGGER `authorizations_count_insert` AFTER INSERT ON `authorizations` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'authorizations';
END;--> statement-breakpoint
CREATE TRIGGER `authorizations_count_delete` AFTER DELETE ON `authorizations` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'authorizations';
END;--> statement-breakpoint
CREATE TRIGGER `authorizations_count_void` AFTER UPDATE OF `voided_at` ON `authorizations` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'authorizations';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'trainings', count(*) - count(`voided_at`), count(`voided_at`) FROM `trainings`;--> statement-breakpoint
CREATE TRIGGER `trainings_count_insert` AFTER INSERT ON `trainings` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'trainings';
END;--> statement-breakpoint
CREATE TRIGGER `trainings_count_delete` AFTER DELETE ON `trainings` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'trainings';
END;--> statement-breakpoint
CREATE TRIGGER `trainings_count_void` AFTER UPDATE OF `voided_at` ON `trainings` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'trainings';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'products', count(*) - count(`voided_at`), count(`voided_at`) FROM `products`;--> statement-breakpoint
CREATE TRIGGER `products_count_insert` AFTER INSERT ON `products` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'products';
END;--> statement-breakpoint
CREATE TRIGGER `products_count_delete` AFTER DELETE ON `products` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'products';
END;--> statement-breakpoint
CREATE TRIGGER `products_count_void` AFTER UPDATE OF `voided_at` ON `products` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'products';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'batches', count(*) - count(`voided_at`), count(`voided_at`) FROM `batches`;--> statement-breakpoint
CREATE TRIGGER `batches_count_insert` AFTER INSERT ON `batches` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'batches';
END;--> statement-breakpoint
CREATE TRIGGER `batches_count_delete` AFTER DELETE ON `batches` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'batches';
END;--> statement-breakpoint
CREATE TRIGGER `batches_count_void` AFTER UPDATE OF `voided_at` ON `batches` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'batches';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'contracts', count(*) - count(`voided_at`), count(`voided_at`) FROM `contracts`;--> statement-breakpoint
CREATE TRIGGER `contracts_count_insert` AFTER INSERT ON `contracts` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'contracts';
END;--> statement-breakpoint
CREATE TRIGGER `contracts_count_delete` AFTER DELETE ON `contracts` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'contracts';
END;--> statement-breakpoint
CREATE TRIGGER `contracts_count_void` AFTER UPDATE OF `voided_at` ON `contracts` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'contracts';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'sales_orders', count(*) - count(`voided_at`), count(`voided_at`) FROM `sales_orders`;--> statement-breakpoint
CREATE TRIGGER `sales_orders_count_insert` AFTER INSERT ON `sales_orders` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_orders';
END;--> statement-breakpoint
CREATE TRIGGER `sales_orders_count_delete` AFTER DELETE ON `sales_orders` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_orders';
END;--> statement-breakpoint
CREATE TRIGGER `sales_orders_count_void` AFTER UPDATE OF `voided_at` ON `sales_orders` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_orders';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'sales_lines', count(*) - count(`voided_at`), count(`voided_at`) FROM `sales_lines`;--> statement-breakpoint
CREATE TRIGGER `sales_lines_count_insert` AFTER INSERT ON `sales_lines` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_lines';
END;--> statement-breakpoint
CREATE TRIGGER `sales_lines_count_delete` AFTER DELETE ON `sales_lines` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_lines';
END;--> statement-breakpoint
CREATE TRIGGER `sales_lines_count_void` AFTER UPDATE OF `voided_at` ON `sales_lines` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'sales_lines';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'special_checks', count(*) - count(`voided_at`), count(`voided_at`) FROM `special_checks`;--> statement-breakpoint
CREATE TRIGGER `special_checks_count_insert` AFTER INSERT ON `special_checks` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'special_checks';
END;--> statement-breakpoint
CREATE TRIGGER `special_checks_count_delete` AFTER DELETE ON `special_checks` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'special_checks';
END;--> statement-breakpoint
CREATE TRIGGER `special_checks_count_void` AFTER UPDATE OF `voided_at` ON `special_checks` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'special_checks';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'outbound_slips', count(*) - count(`voided_at`), count(`voided_at`) FROM `outbound_slips`;--> statement-breakpoint
CREATE TRIGGER `outbound_slips_count_insert` AFTER INSERT ON `outbound_slips` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'outbound_slips';
END;--> statement-breakpoint
CREATE TRIGGER `outbound_slips_count_delete` AFTER DELETE ON `outbound_slips` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'outbound_slips';
END;--> statement-breakpoint
CREATE TRIGGER `outbound_slips_count_void` AFTER UPDATE OF `voided_at` ON `outbound_slips` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'outbound_slips';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'invoices', count(*) - count(`voided_at`), count(`voided_at`) FROM `invoices`;--> statement-breakpoint
CREATE TRIGGER `invoices_count_insert` AFTER INSERT ON `invoices` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoices';
END;--> statement-breakpoint
CREATE TRIGGER `invoices_count_delete` AFTER DELETE ON `invoices` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoices';
END;--> statement-breakpoint
CREATE TRIGGER `invoices_count_void` AFTER UPDATE OF `voided_at` ON `invoices` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoices';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'invoice_slips', count(*) - count(`voided_at`), count(`voided_at`) FROM `invoice_slips`;--> statement-breakpoint
CREATE TRIGGER `invoice_slips_count_insert` AFTER INSERT ON `invoice_slips` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_slips';
END;--> statement-breakpoint
CREATE TRIGGER `invoice_slips_count_delete` AFTER DELETE ON `invoice_slips` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_slips';
END;--> statement-breakpoint
CREATE TRIGGER `invoice_slips_count_void` AFTER UPDATE OF `voided_at` ON `invoice_slips` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_slips';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'invoice_lines', count(*) - count(`voided_at`), count(`voided_at`) FROM `invoice_lines`;--> statement-breakpoint
CREATE TRIGGER `invoice_lines_count_insert` AFTER INSERT ON `invoice_lines` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_lines';
END;--> statement-breakpoint
CREATE TRIGGER `invoice_lines_count_delete` AFTER DELETE ON `invoice_lines` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_lines';
END;--> statement-breakpoint
CREATE TRIGGER `invoice_lines_count_void` AFTER UPDATE OF `voided_at` ON `invoice_lines` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'invoice_lines';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'payments', count(*) - count(`voided_at`), count(`voided_at`) FROM `payments`;--> statement-breakpoint
CREATE TRIGGER `payments_count_insert` AFTER INSERT ON `payments` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'payments';
END;--> statement-breakpoint
CREATE TRIGGER `payments_count_delete` AFTER DELETE ON `payments` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'payments';
END;--> statement-breakpoint
CREATE TRIGGER `payments_count_void` AFTER UPDATE OF `voided_at` ON `payments` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'payments';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'visits', count(*) - count(`voided_at`), count(`voided_at`) FROM `visits`;--> statement-breakpoint
CREATE TRIGGER `visits_count_insert` AFTER INSERT ON `visits` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'visits';
END;--> statement-breakpoint
CREATE TRIGGER `visits_count_delete` AFTER DELETE ON `visits` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'visits';
END;--> statement-breakpoint
CREATE TRIGGER `visits_count_void` AFTER UPDATE OF `voided_at` ON `visits` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'visits';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'complaints', count(*) - count(`voided_at`), count(`voided_at`) FROM `complaints`;--> statement-breakpoint
CREATE TRIGGER `complaints_count_insert` AFTER INSERT ON `complaints` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'complaints';
END;--> statement-breakpoint
CREATE TRIGGER `complaints_count_delete` AFTER DELETE ON `complaints` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'complaints';
END;--> statement-breakpoint
CREATE TRIGGER `complaints_count_void` AFTER UPDATE OF `voided_at` ON `complaints` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'complaints';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'quality_feedback', count(*) - count(`voided_at`), count(`voided_at`) FROM `quality_feedback`;--> statement-breakpoint
CREATE TRIGGER `quality_feedback_count_insert` AFTER INSERT ON `quality_feedback` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'quality_feedback';
END;--> statement-breakpoint
CREATE TRIGGER `quality_feedback_count_delete` AFTER DELETE ON `quality_feedback` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'quality_feedback';
END;--> statement-breakpoint
CREATE TRIGGER `quality_feedback_count_void` AFTER UPDATE OF `voided_at` ON `quality_feedback` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'quality_feedback';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'adverse_reactions', count(*) - count(`voided_at`), count(`voided_at`) FROM `adverse_reactions`;--> statement-breakpoint
CREATE TRIGGER `adverse_reactions_count_insert` AFTER INSERT ON `adverse_reactions` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'adverse_reactions';
END;--> statement-breakpoint
CREATE TRIGGER `adverse_reactions_count_delete` AFTER DELETE ON `adverse_reactions` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'adverse_reactions';
END;--> statement-breakpoint
CREATE TRIGGER `adverse_reactions_count_void` AFTER UPDATE OF `voided_at` ON `adverse_reactions` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'adverse_reactions';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'recalls', count(*) - count(`voided_at`), count(`voided_at`) FROM `recalls`;--> statement-breakpoint
CREATE TRIGGER `recalls_count_insert` AFTER INSERT ON `recalls` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'recalls';
END;--> statement-breakpoint
CREATE TRIGGER `recalls_count_delete` AFTER DELETE ON `recalls` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'recalls';
END;--> statement-breakpoint
CREATE TRIGGER `recalls_count_void` AFTER UPDATE OF `voided_at` ON `recalls` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'recalls';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'recall_notices', count(*) - count(`voided_at`), count(`voided_at`) FROM `recall_notices`;--> statement-breakpoint
CREATE TRIGGER `recall_notices_count_insert` AFTER INSERT ON `recall_notices` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'recall_notices';
END;--> statement-breakpoint
CREATE TRIGGER `recall_notices_count_delete` AFTER DELETE ON `recall_notices` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'recall_notices';
END;--> statement-breakpoint
CREATE TRIGGER `recall_notices_count_void` AFTER UPDATE OF `voided_at` ON `recall_notices` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'recall_notices';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'attachments', count(*) - count(`voided_at`), count(`voided_at`) FROM `attachments`;--> statement-breakpoint
CREATE TRIGGER `attachments_count_insert` AFTER INSERT ON `attachments` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'attachments';
END;--> statement-breakpoint
CREATE TRIGGER `attachments_count_delete` AFTER DELETE ON `attachments` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'attachments';
END;--> statement-breakpoint
CREATE TRIGGER `attachments_count_void` AFTER UPDATE OF `voided_at` ON `attachments` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'attachments';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'document_deliveries', count(*) - count(`voided_at`), count(`voided_at`) FROM `document_deliveries`;--> statement-breakpoint
CREATE TRIGGER `document_deliveries_count_insert` AFTER INSERT ON `document_deliveries` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'document_deliveries';
END;--> statement-breakpoint
CREATE TRIGGER `document_deliveries_count_delete` AFTER DELETE ON `document_deliveries` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'document_deliveries';
END;--> statement-breakpoint
CREATE TRIGGER `document_deliveries_count_void` AFTER UPDATE OF `voided_at` ON `document_deliveries` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'document_deliveries';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'nonconformities', count(*) - count(`voided_at`), count(`voided_at`) FROM `nonconformities`;--> statement-breakpoint
CREATE TRIGGER `nonconformities_count_insert` AFTER INSERT ON `nonconformities` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformities';
END;--> statement-breakpoint
CREATE TRIGGER `nonconformities_count_delete` AFTER DELETE ON `nonconformities` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformities';
END;--> statement-breakpoint
CREATE TRIGGER `nonconformities_count_void` AFTER UPDATE OF `voided_at` ON `nonconformities` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformities';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'nonconformity_notices', count(*) - count(`voided_at`), count(`voided_at`) FROM `nonconformity_notices`;--> statement-breakpoint
CREATE TRIGGER `nonconformity_notices_count_insert` AFTER INSERT ON `nonconformity_notices` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformity_notices';
END;--> statement-breakpoint
CREATE TRIGGER `nonconformity_notices_count_delete` AFTER DELETE ON `nonconformity_notices` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformity_notices';
END;--> statement-breakpoint
CREATE TRIGGER `nonconformity_notices_count_void` AFTER UPDATE OF `voided_at` ON `nonconformity_notices` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'nonconformity_notices';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'deliveries', count(*) - count(`voided_at`), count(`voided_at`) FROM `deliveries`;--> statement-breakpoint
CREATE TRIGGER `deliveries_count_insert` AFTER INSERT ON `deliveries` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'deliveries';
END;--> statement-breakpoint
CREATE TRIGGER `deliveries_count_delete` AFTER DELETE ON `deliveries` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'deliveries';
END;--> statement-breakpoint
CREATE TRIGGER `deliveries_count_void` AFTER UPDATE OF `voided_at` ON `deliveries` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'deliveries';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'replies', count(*) - count(`voided_at`), count(`voided_at`) FROM `replies`;--> statement-breakpoint
CREATE TRIGGER `replies_count_insert` AFTER INSERT ON `replies` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'replies';
END;--> statement-breakpoint
CREATE TRIGGER `replies_count_delete` AFTER DELETE ON `replies` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'replies';
END;--> statement-breakpoint
CREATE TRIGGER `replies_count_void` AFTER UPDATE OF `voided_at` ON `replies` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'replies';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'service_promises', count(*) - count(`voided_at`), count(`voided_at`) FROM `service_promises`;--> statement-breakpoint
CREATE TRIGGER `service_promises_count_insert` AFTER INSERT ON `service_promises` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'service_promises';
END;--> statement-breakpoint
CREATE TRIGGER `service_promises_count_delete` AFTER DELETE ON `service_promises` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'service_promises';
END;--> statement-breakpoint
CREATE TRIGGER `service_promises_count_void` AFTER UPDATE OF `voided_at` ON `service_promises` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'service_promises';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'follow_up_plans', count(*) - count(`voided_at`), count(`voided_at`) FROM `follow_up_plans`;--> statement-breakpoint
CREATE TRIGGER `follow_up_plans_count_insert` AFTER INSERT ON `follow_up_plans` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'follow_up_plans';
END;--> statement-breakpoint
CREATE TRIGGER `follow_up_plans_count_delete` AFTER DELETE ON `follow_up_plans` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'follow_up_plans';
END;--> statement-breakpoint
CREATE TRIGGER `follow_up_plans_count_void` AFTER UPDATE OF `voided_at` ON `follow_up_plans` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'follow_up_plans';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'suppliers', count(*) - count(`voided_at`), count(`voided_at`) FROM `suppliers`;--> statement-breakpoint
CREATE TRIGGER `suppliers_count_insert` AFTER INSERT ON `suppliers` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'suppliers';
END;--> statement-breakpoint
CREATE TRIGGER `suppliers_count_delete` AFTER DELETE ON `suppliers` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'suppliers';
END;--> statement-breakpoint
CREATE TRIGGER `suppliers_count_void` AFTER UPDATE OF `voided_at` ON `suppliers` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'suppliers';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'supplier_agreements', count(*) - count(`voided_at`), count(`voided_at`) FROM `supplier_agreements`;--> statement-breakpoint
CREATE TRIGGER `supplier_agreements_count_insert` AFTER INSERT ON `supplier_agreements` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'supplier_agreements';
END;--> statement-breakpoint
CREATE TRIGGER `supplier_agreements_count_delete` AFTER DELETE ON `supplier_agreements` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'supplier_agreements';
END;--> statement-breakpoint
CREATE TRIGGER `supplier_agreements_count_void` AFTER UPDATE OF `voided_at` ON `supplier_agreements` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'supplier_agreements';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'salesperson_assessments', count(*) - count(`voided_at`), count(`voided_at`) FROM `salesperson_assessments`;--> statement-breakpoint
CREATE TRIGGER `salesperson_assessments_count_insert` AFTER INSERT ON `salesperson_assessments` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'salesperson_assessments';
END;--> statement-breakpoint
CREATE TRIGGER `salesperson_assessments_count_delete` AFTER DELETE ON `salesperson_assessments` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'salesperson_assessments';
END;--> statement-breakpoint
CREATE TRIGGER `salesperson_assessments_count_void` AFTER UPDATE OF `voided_at` ON `salesperson_assessments` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'salesperson_assessments';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'price_filings', count(*) - count(`voided_at`), count(`voided_at`) FROM `price_filings`;--> statement-breakpoint
CREATE TRIGGER `price_filings_count_insert` AFTER INSERT ON `price_filings` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'price_filings';
END;--> statement-breakpoint
CREATE TRIGGER `price_filings_count_delete` AFTER DELETE ON `price_filings` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'price_filings';
END;--> statement-breakpoint
CREATE TRIGGER `price_filings_count_void` AFTER UPDATE OF `voided_at` ON `price_filings` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'price_filings';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'product_materials', count(*) - count(`voided_at`), count(`voided_at`) FROM `product_materials`;--> statement-breakpoint
CREATE TRIGGER `product_materials_count_insert` AFTER INSERT ON `product_materials` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'product_materials';
END;--> statement-breakpoint
CREATE TRIGGER `product_materials_count_delete` AFTER DELETE ON `product_materials` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'product_materials';
END;--> statement-breakpoint
CREATE TRIGGER `product_materials_count_void` AFTER UPDATE OF `voided_at` ON `product_materials` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'product_materials';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'market_reports', count(*) - count(`voided_at`), count(`voided_at`) FROM `market_reports`;--> statement-breakpoint
CREATE TRIGGER `market_reports_count_insert` AFTER INSERT ON `market_reports` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'market_reports';
END;--> statement-breakpoint
CREATE TRIGGER `market_reports_count_delete` AFTER DELETE ON `market_reports` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'market_reports';
END;--> statement-breakpoint
CREATE TRIGGER `market_reports_count_void` AFTER UPDATE OF `voided_at` ON `market_reports` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'market_reports';
END;--> statement-breakpoint
INSERT INTO `row_counts` (`tbl`, `live`, `voided`) SELECT 'corrective_actions', count(*) - count(`voided_at`), count(`voided_at`) FROM `corrective_actions`;--> statement-breakpoint
CREATE TRIGGER `corrective_actions_count_insert` AFTER INSERT ON `corrective_actions` BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) WHERE `tbl` = 'corrective_actions';
END;--> statement-breakpoint
CREATE TRIGGER `corrective_actions_count_delete` AFTER DELETE ON `corrective_actions` BEGIN
  UPDATE `row_counts` SET `live` = `live` - (old.`voided_at` IS NULL), `voided` = `voided` - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'corrective_actions';
END;--> statement-breakpoint
CREATE TRIGGER `corrective_actions_count_void` AFTER UPDATE OF `voided_at` ON `corrective_actions` WHEN (old.`voided_at` IS NULL) <> (new.`voided_at` IS NULL) BEGIN
  UPDATE `row_counts` SET `live` = `live` + (new.`voided_at` IS NULL) - (old.`voided_at` IS NULL), `voided` = `voided` + (new.`voided_at` IS NOT NULL) - (old.`voided_at` IS NOT NULL) WHERE `tbl` = 'corrective_actions';
END;
