ALTER TABLE `findings` ADD `customer` integer REFERENCES customers(id);--> statement-breakpoint
ALTER TABLE `findings` ADD `salesperson` integer REFERENCES salespeople(id);--> statement-breakpoint
ALTER TABLE `findings` ADD `record_date` text;--> statement-breakpoint
CREATE INDEX `findings__customer` ON `findings` (`customer`);--> statement-breakpoint
CREATE INDEX `findings__salesperson` ON `findings` (`salesperson`);--> statement-breakpoint
CREATE INDEX `findings__record_date` ON `findings` (`record_date`);