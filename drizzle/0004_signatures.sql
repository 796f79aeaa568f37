CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`resource` text NOT NULL,
	`record_id` integer NOT NULL,
	`meaning` text NOT NULL,
	`signer` integer NOT NULL,
	`signer_name` text NOT NULL,
	`signed_at` text NOT NULL,
	`record_hash` text NOT NULL,
	`comment` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`signer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signatures__signer` ON `signatures` (`signer`);--> statement-breakpoint
CREATE INDEX `signatures__resource` ON `signatures` (`resource`);--> statement-breakpoint
CREATE INDEX `signatures__meaning` ON `signatures` (`meaning`);--> statement-breakpoint
CREATE INDEX `signatures__resource__record_id` ON `signatures` (`resource`,`record_id`);