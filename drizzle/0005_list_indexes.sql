DROP INDEX `sales_lines__customer__sale_date`;--> statement-breakpoint
CREATE INDEX `sales_lines__customer__voided_at__sale_date` ON `sales_lines` (`customer`,`voided_at`,`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_lines__product__voided_at__sale_date` ON `sales_lines` (`product`,`voided_at`,`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_lines__voided` ON `sales_lines` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `findings__voided` ON `findings` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `import_rejects__voided` ON `import_rejects` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `imports__voided` ON `imports` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `settings__voided` ON `settings` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `signatures__voided` ON `signatures` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `users__voided` ON `users` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `authorizations__voided` ON `authorizations` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `company_licenses__voided` ON `company_licenses` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_agents__voided` ON `customer_agents` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customer_licenses__voided` ON `customer_licenses` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customers__voided` ON `customers` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `salespeople__voided` ON `salespeople` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `trainings__voided` ON `trainings` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `batches__voided` ON `batches` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `products__voided` ON `products` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `contracts__voided` ON `contracts` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sales_orders__voided` ON `sales_orders` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `special_checks__voided` ON `special_checks` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `invoice_lines__voided` ON `invoice_lines` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `invoice_slips__voided` ON `invoice_slips` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `invoices__voided` ON `invoices` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbound_slips__voided` ON `outbound_slips` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `payments__voided` ON `payments` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `adverse_reactions__voided` ON `adverse_reactions` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `complaints__voided` ON `complaints` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `quality_feedback__voided` ON `quality_feedback` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `recall_notices__voided` ON `recall_notices` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `recalls__voided` ON `recalls` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `visits__voided` ON `visits` (`voided_at`) WHERE voided_at IS NOT NULL;