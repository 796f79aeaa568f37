CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`resource` text NOT NULL,
	`record_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`note` text,
	`supersedes` integer,
	`superseded_by` integer,
	`superseded_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`supersedes`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`superseded_by`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments__supersedes` ON `attachments` (`supersedes`);--> statement-breakpoint
CREATE INDEX `attachments__superseded_by` ON `attachments` (`superseded_by`);--> statement-breakpoint
CREATE INDEX `attachments__record_id` ON `attachments` (`record_id`);--> statement-breakpoint
CREATE INDEX `attachments__kind` ON `attachments` (`kind`);--> statement-breakpoint
CREATE INDEX `attachments__sha256` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE INDEX `attachments__resource__record_id` ON `attachments` (`resource`,`record_id`);--> statement-breakpoint
CREATE INDEX `attachments__voided` ON `attachments` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `attachments__import_id` ON `attachments` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `document_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`delivered_at` text NOT NULL,
	`kind` text NOT NULL,
	`company_license` integer,
	`product` integer,
	`authorization` integer,
	`copies` integer DEFAULT 1,
	`sealed` integer DEFAULT true,
	`delivered_by` text,
	`received_by` text,
	`remark` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_license`) REFERENCES `company_licenses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorization`) REFERENCES `authorizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_deliveries__customer` ON `document_deliveries` (`customer`);--> statement-breakpoint
CREATE INDEX `document_deliveries__company_license` ON `document_deliveries` (`company_license`);--> statement-breakpoint
CREATE INDEX `document_deliveries__product` ON `document_deliveries` (`product`);--> statement-breakpoint
CREATE INDEX `document_deliveries__authorization` ON `document_deliveries` (`authorization`);--> statement-breakpoint
CREATE INDEX `document_deliveries__kind` ON `document_deliveries` (`kind`);--> statement-breakpoint
CREATE INDEX `document_deliveries__delivered_at` ON `document_deliveries` (`delivered_at`);--> statement-breakpoint
CREATE INDEX `document_deliveries__voided` ON `document_deliveries` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `document_deliveries__import_id` ON `document_deliveries` (`import_id`) WHERE import_id IS NOT NULL;