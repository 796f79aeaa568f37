ALTER TABLE `findings` ADD `product` integer REFERENCES products(id);--> statement-breakpoint
ALTER TABLE `findings` ADD `batch` integer REFERENCES batches(id);--> statement-breakpoint
CREATE INDEX `findings__product` ON `findings` (`product`);--> statement-breakpoint
CREATE INDEX `findings__batch` ON `findings` (`batch`);--> statement-breakpoint
CREATE INDEX `signatures__signed_at` ON `signatures` (`signed_at`);--> statement-breakpoint
-- Backfill (issue 13 item 2): findings merged by ledger imports had no context; live ones no product/batch.
UPDATE `findings` AS f SET customer = o.customer, salesperson = o.salesperson, product = l.product, batch = l.batch,
       record_date = substr(o.sale_date, 1, 10)
FROM `sales_lines` AS l JOIN `sales_orders` AS o ON o.id = l.`order`
WHERE f.resource = 'sales_lines' AND l.id = f.record_id;--> statement-breakpoint
UPDATE `findings` AS f SET customer = o.customer, salesperson = o.salesperson, record_date = substr(s.outbound_date, 1, 10)
FROM `outbound_slips` AS s JOIN `sales_orders` AS o ON o.id = s.`order`
WHERE f.resource = 'outbound_slips' AND s.id = f.record_id AND f.record_date IS NULL;
