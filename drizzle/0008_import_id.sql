ALTER TABLE `findings` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `findings__import_id` ON `findings` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `import_rejects` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `import_rejects__import_id` ON `import_rejects` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `imports__import_id` ON `imports` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `settings__import_id` ON `settings` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `signatures` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `signatures__import_id` ON `signatures` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `users__import_id` ON `users` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `authorizations__import_id` ON `authorizations` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `company_licenses` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `company_licenses__import_id` ON `company_licenses` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `customer_agents` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `customer_agents__import_id` ON `customer_agents` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `customer_licenses` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `customer_licenses__import_id` ON `customer_licenses` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `customers__import_id` ON `customers` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `salespeople` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `salespeople__import_id` ON `salespeople` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `trainings` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `trainings__import_id` ON `trainings` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `batches` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `batches__import_id` ON `batches` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `products__import_id` ON `products` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `contracts` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `contracts__import_id` ON `contracts` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_lines` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `sales_lines__import_id` ON `sales_lines` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_orders` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `sales_orders__import_id` ON `sales_orders` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `special_checks` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `special_checks__import_id` ON `special_checks` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `invoice_lines__import_id` ON `invoice_lines` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `invoice_slips` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `invoice_slips__import_id` ON `invoice_slips` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `invoices__import_id` ON `invoices` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `outbound_slips` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `outbound_slips__import_id` ON `outbound_slips` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `payments__import_id` ON `payments` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `adverse_reactions` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `adverse_reactions__import_id` ON `adverse_reactions` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `complaints__import_id` ON `complaints` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `quality_feedback` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `quality_feedback__import_id` ON `quality_feedback` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `recall_notices` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `recall_notices__import_id` ON `recall_notices` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `recalls` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `recalls__import_id` ON `recalls` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `visits` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `visits__import_id` ON `visits` (`import_id`) WHERE import_id IS NOT NULL;