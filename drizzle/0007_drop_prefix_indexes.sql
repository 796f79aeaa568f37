DROP INDEX `audit_log__resource`;--> statement-breakpoint
DROP INDEX `findings__resource`;--> statement-breakpoint
DROP INDEX `signatures__resource`;--> statement-breakpoint
DROP INDEX `sales_lines__customer`;--> statement-breakpoint
DROP INDEX `sales_lines__product`;--> statement-breakpoint
DROP INDEX `sales_orders__customer`;