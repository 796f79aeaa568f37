CREATE TABLE `price_filings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`filing_no` text NOT NULL,
	`salesperson` integer NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`product_count` integer,
	`prices` text,
	`remarks` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` text,
	`acknowledged_by` text,
	`acknowledged_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `price_filings__salesperson` ON `price_filings` (`salesperson`);--> statement-breakpoint
CREATE INDEX `price_filings__status` ON `price_filings` (`status`);--> statement-breakpoint
CREATE INDEX `price_filings__period_to` ON `price_filings` (`period_to`);--> statement-breakpoint
CREATE INDEX `price_filings__filing_no` ON `price_filings` (`filing_no`);--> statement-breakpoint
CREATE INDEX `price_filings__voided` ON `price_filings` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `price_filings__import_id` ON `price_filings` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `salesperson_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`salesperson` integer NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`assessor` text NOT NULL,
	`score` real,
	`findings_count` integer,
	`conclusion` text NOT NULL,
	`comments` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `salesperson_assessments__salesperson` ON `salesperson_assessments` (`salesperson`);--> statement-breakpoint
CREATE INDEX `salesperson_assessments__conclusion` ON `salesperson_assessments` (`conclusion`);--> statement-breakpoint
CREATE INDEX `salesperson_assessments__period_to` ON `salesperson_assessments` (`period_to`);--> statement-breakpoint
CREATE INDEX `salesperson_assessments__voided` ON `salesperson_assessments` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `salesperson_assessments__import_id` ON `salesperson_assessments` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `corrective_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`action_no` text NOT NULL,
	`source` text NOT NULL,
	`complaint` integer,
	`quality_feedback` integer,
	`visit` integer,
	`cause` text NOT NULL,
	`action` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`completed_at` text,
	`result` text,
	`verification` text,
	`verified_by` text,
	`verified_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`complaint`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quality_feedback`) REFERENCES `quality_feedback`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrective_actions__complaint` ON `corrective_actions` (`complaint`);--> statement-breakpoint
CREATE INDEX `corrective_actions__quality_feedback` ON `corrective_actions` (`quality_feedback`);--> statement-breakpoint
CREATE INDEX `corrective_actions__visit` ON `corrective_actions` (`visit`);--> statement-breakpoint
CREATE INDEX `corrective_actions__source` ON `corrective_actions` (`source`);--> statement-breakpoint
CREATE INDEX `corrective_actions__status` ON `corrective_actions` (`status`);--> statement-breakpoint
CREATE INDEX `corrective_actions__due_date` ON `corrective_actions` (`due_date`);--> statement-breakpoint
CREATE INDEX `corrective_actions__action_no` ON `corrective_actions` (`action_no`);--> statement-breakpoint
CREATE INDEX `corrective_actions__voided` ON `corrective_actions` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `corrective_actions__import_id` ON `corrective_actions` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `market_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`report_no` text NOT NULL,
	`reported_at` text NOT NULL,
	`reporter` text NOT NULL,
	`region` text,
	`product` integer,
	`competitor_product` text NOT NULL,
	`competitor_maker` text,
	`market_price` real,
	`quality_info` text,
	`summary` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` text,
	`read_receipts` text,
	`last_read_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `market_reports__product` ON `market_reports` (`product`);--> statement-breakpoint
CREATE INDEX `market_reports__status` ON `market_reports` (`status`);--> statement-breakpoint
CREATE INDEX `market_reports__reported_at` ON `market_reports` (`reported_at`);--> statement-breakpoint
CREATE INDEX `market_reports__report_no` ON `market_reports` (`report_no`);--> statement-breakpoint
CREATE INDEX `market_reports__voided` ON `market_reports` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `market_reports__import_id` ON `market_reports` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `product_materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`product` integer NOT NULL,
	`edition` integer,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_materials__product` ON `product_materials` (`product`);--> statement-breakpoint
CREATE INDEX `product_materials__status` ON `product_materials` (`status`);--> statement-breakpoint
CREATE INDEX `product_materials__voided` ON `product_materials` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `product_materials__import_id` ON `product_materials` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`post` text DEFAULT 'sales' NOT NULL,
	`salesperson` integer,
	`trainee` text,
	`date` text NOT NULL,
	`topic` text NOT NULL,
	`hours` real,
	`passed` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_trainings`("id", "version", "created_at", "created_by", "updated_at", "updated_by", "salesperson", "date", "topic", "hours", "passed", "voided_at", "voided_by", "void_reason", "import_id", "legacy_facts") SELECT "id", "version", "created_at", "created_by", "updated_at", "updated_by", "salesperson", "date", "topic", "hours", "passed", "voided_at", "voided_by", "void_reason", "import_id", "legacy_facts" FROM `trainings`;--> statement-breakpoint
DROP TABLE `trainings`;--> statement-breakpoint
ALTER TABLE `__new_trainings` RENAME TO `trainings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `trainings__salesperson` ON `trainings` (`salesperson`);--> statement-breakpoint
CREATE INDEX `trainings__post` ON `trainings` (`post`);--> statement-breakpoint
CREATE INDEX `trainings__date` ON `trainings` (`date`);--> statement-breakpoint
CREATE INDEX `trainings__passed` ON `trainings` (`passed`);--> statement-breakpoint
CREATE INDEX `trainings__trainee` ON `trainings` (`trainee`);--> statement-breakpoint
CREATE INDEX `trainings__voided` ON `trainings` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `trainings__import_id` ON `trainings` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `material` integer REFERENCES product_materials(id);--> statement-breakpoint
CREATE INDEX `complaints__material` ON `complaints` (`material`);--> statement-breakpoint
ALTER TABLE `visits` ADD `material` integer REFERENCES product_materials(id);--> statement-breakpoint
CREATE INDEX `visits__material` ON `visits` (`material`);