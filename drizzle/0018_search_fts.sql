-- Substring search (`q`) through FTS5 trigram indexes: the columns each resource declares as `textIndex`
-- (schema/define.ts). External content (the rows stay in their table); triggers keep each index in the
-- same transaction as its row for every write path: the write service, the ledger merge's INSERT … SELECT,
-- void-import (an UPDATE of voided_at, which leaves the text alone). Hand-written: keep in step with the
-- declarations (test/server/list-search.test.ts checks every declared column has its index and triggers).
CREATE VIRTUAL TABLE `sales_orders_fts` USING fts5(`order_no`, content='sales_orders', content_rowid='id', tokenize='trigram');--> statement-breakpoint
INSERT INTO `sales_orders_fts`(`sales_orders_fts`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `sales_orders_fts_insert` AFTER INSERT ON `sales_orders` BEGIN
  INSERT INTO `sales_orders_fts`(rowid, `order_no`) VALUES (new.id, new.`order_no`);
END;--> statement-breakpoint
CREATE TRIGGER `sales_orders_fts_delete` AFTER DELETE ON `sales_orders` BEGIN
  INSERT INTO `sales_orders_fts`(`sales_orders_fts`, rowid, `order_no`) VALUES ('delete', old.id, old.`order_no`);
END;--> statement-breakpoint
CREATE TRIGGER `sales_orders_fts_update` AFTER UPDATE OF `order_no` ON `sales_orders` BEGIN
  INSERT INTO `sales_orders_fts`(`sales_orders_fts`, rowid, `order_no`) VALUES ('delete', old.id, old.`order_no`);
  INSERT INTO `sales_orders_fts`(rowid, `order_no`) VALUES (new.id, new.`order_no`);
END;--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(`name`, content='customers', content_rowid='id', tokenize='trigram');--> statement-breakpoint
INSERT INTO `customers_fts`(`customers_fts`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `customers_fts`(rowid, `name`) VALUES (new.id, new.`name`);
END;--> statement-breakpoint
CREATE TRIGGER `customers_fts_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO `customers_fts`(`customers_fts`, rowid, `name`) VALUES ('delete', old.id, old.`name`);
END;--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF `name` ON `customers` BEGIN
  INSERT INTO `customers_fts`(`customers_fts`, rowid, `name`) VALUES ('delete', old.id, old.`name`);
  INSERT INTO `customers_fts`(rowid, `name`) VALUES (new.id, new.`name`);
END;--> statement-breakpoint
CREATE VIRTUAL TABLE `products_fts` USING fts5(`generic_name`, content='products', content_rowid='id', tokenize='trigram');--> statement-breakpoint
INSERT INTO `products_fts`(`products_fts`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `products_fts_insert` AFTER INSERT ON `products` BEGIN
  INSERT INTO `products_fts`(rowid, `generic_name`) VALUES (new.id, new.`generic_name`);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_delete` AFTER DELETE ON `products` BEGIN
  INSERT INTO `products_fts`(`products_fts`, rowid, `generic_name`) VALUES ('delete', old.id, old.`generic_name`);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_update` AFTER UPDATE OF `generic_name` ON `products` BEGIN
  INSERT INTO `products_fts`(`products_fts`, rowid, `generic_name`) VALUES ('delete', old.id, old.`generic_name`);
  INSERT INTO `products_fts`(rowid, `generic_name`) VALUES (new.id, new.`generic_name`);
END;
