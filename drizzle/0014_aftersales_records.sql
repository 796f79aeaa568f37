CREATE TABLE `nonconformities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`case_no` text NOT NULL,
	`batch` integer NOT NULL,
	`product` integer,
	`found_at` text NOT NULL,
	`reason` text NOT NULL,
	`customers_count` integer,
	`quantity_sold` real,
	`decision` text DEFAULT 'pending' NOT NULL,
	`decided_at` text,
	`decision_note` text,
	`recall` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`batch`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recall`) REFERENCES `recalls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nonconformities__batch` ON `nonconformities` (`batch`);--> statement-breakpoint
CREATE INDEX `nonconformities__product` ON `nonconformities` (`product`);--> statement-breakpoint
CREATE INDEX `nonconformities__recall` ON `nonconformities` (`recall`);--> statement-breakpoint
CREATE INDEX `nonconformities__decision` ON `nonconformities` (`decision`);--> statement-breakpoint
CREATE INDEX `nonconformities__status` ON `nonconformities` (`status`);--> statement-breakpoint
CREATE INDEX `nonconformities__found_at` ON `nonconformities` (`found_at`);--> statement-breakpoint
CREATE INDEX `nonconformities__case_no` ON `nonconformities` (`case_no`);--> statement-breakpoint
CREATE INDEX `nonconformities__voided` ON `nonconformities` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `nonconformities__import_id` ON `nonconformities` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `nonconformity_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`nonconformity` integer NOT NULL,
	`customer` integer NOT NULL,
	`quantity_sold` real,
	`notified_at` text,
	`method` text,
	`acknowledged_at` text,
	`quantity_returned` real,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`nonconformity`) REFERENCES `nonconformities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nonconformity_notices__nonconformity` ON `nonconformity_notices` (`nonconformity`);--> statement-breakpoint
CREATE INDEX `nonconformity_notices__customer` ON `nonconformity_notices` (`customer`);--> statement-breakpoint
CREATE INDEX `nonconformity_notices__notified_at` ON `nonconformity_notices` (`notified_at`);--> statement-breakpoint
CREATE INDEX `nonconformity_notices__voided` ON `nonconformity_notices` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `nonconformity_notices__import_id` ON `nonconformity_notices` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`slip` integer NOT NULL,
	`customer` integer,
	`carrier` text NOT NULL,
	`vehicle_no` text,
	`driver` text NOT NULL,
	`driver_phone` text,
	`departed_at` text NOT NULL,
	`arrived_at` text,
	`packaging` text,
	`packaging_note` text,
	`cold_chain` integer,
	`temp_recorder` text,
	`temp_start` real,
	`temp_end` real,
	`temp_min` real,
	`temp_max` real,
	`excursion_note` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`slip`) REFERENCES `outbound_slips`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deliveries__slip` ON `deliveries` (`slip`);--> statement-breakpoint
CREATE INDEX `deliveries__customer` ON `deliveries` (`customer`);--> statement-breakpoint
CREATE INDEX `deliveries__cold_chain` ON `deliveries` (`cold_chain`);--> statement-breakpoint
CREATE INDEX `deliveries__departed_at` ON `deliveries` (`departed_at`);--> statement-breakpoint
CREATE INDEX `deliveries__voided` ON `deliveries` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `deliveries__import_id` ON `deliveries` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`reply_no` text NOT NULL,
	`customer` integer NOT NULL,
	`complaint` integer,
	`letter_no` text,
	`letter_date` text,
	`product` integer,
	`subject` text NOT NULL,
	`content` text NOT NULL,
	`reply_date` text NOT NULL,
	`method` text,
	`replied_by` text NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`complaint`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `replies__customer` ON `replies` (`customer`);--> statement-breakpoint
CREATE INDEX `replies__complaint` ON `replies` (`complaint`);--> statement-breakpoint
CREATE INDEX `replies__product` ON `replies` (`product`);--> statement-breakpoint
CREATE INDEX `replies__reply_date` ON `replies` (`reply_date`);--> statement-breakpoint
CREATE INDEX `replies__reply_no` ON `replies` (`reply_no`);--> statement-breakpoint
CREATE INDEX `replies__voided` ON `replies` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `replies__import_id` ON `replies` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `service_promises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`contract` integer NOT NULL,
	`customer` integer,
	`promise` text NOT NULL,
	`due_date` text NOT NULL,
	`owner` text NOT NULL,
	`fulfilled_at` text,
	`fulfilment` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`contract`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_promises__contract` ON `service_promises` (`contract`);--> statement-breakpoint
CREATE INDEX `service_promises__customer` ON `service_promises` (`customer`);--> statement-breakpoint
CREATE INDEX `service_promises__due_date` ON `service_promises` (`due_date`);--> statement-breakpoint
CREATE INDEX `service_promises__fulfilled_at` ON `service_promises` (`fulfilled_at`);--> statement-breakpoint
CREATE INDEX `service_promises__voided` ON `service_promises` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `service_promises__import_id` ON `service_promises` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `follow_up_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`product` integer NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`interval_days` integer NOT NULL,
	`end_date` text,
	`staff` text NOT NULL,
	`purpose` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_up_plans__customer` ON `follow_up_plans` (`customer`);--> statement-breakpoint
CREATE INDEX `follow_up_plans__product` ON `follow_up_plans` (`product`);--> statement-breakpoint
CREATE INDEX `follow_up_plans__kind` ON `follow_up_plans` (`kind`);--> statement-breakpoint
CREATE INDEX `follow_up_plans__start_date` ON `follow_up_plans` (`start_date`);--> statement-breakpoint
CREATE INDEX `follow_up_plans__voided` ON `follow_up_plans` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `follow_up_plans__import_id` ON `follow_up_plans` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `supplier_agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`agreement_no` text NOT NULL,
	`supplier` integer NOT NULL,
	`manufacturers` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`covers_devices` integer,
	`repair_terms` text,
	`after_sales_contact` text,
	`quality_terms` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text,
	FOREIGN KEY (`supplier`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_agreements__supplier` ON `supplier_agreements` (`supplier`);--> statement-breakpoint
CREATE INDEX `supplier_agreements__covers_devices` ON `supplier_agreements` (`covers_devices`);--> statement-breakpoint
CREATE INDEX `supplier_agreements__valid_to` ON `supplier_agreements` (`valid_to`);--> statement-breakpoint
CREATE INDEX `supplier_agreements__agreement_no` ON `supplier_agreements` (`agreement_no`);--> statement-breakpoint
CREATE INDEX `supplier_agreements__voided` ON `supplier_agreements` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `supplier_agreements__import_id` ON `supplier_agreements` (`import_id`) WHERE import_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`name` text NOT NULL,
	`credit_code` text,
	`license_no` text,
	`address` text,
	`contact_name` text,
	`contact_phone` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	`import_id` integer,
	`legacy_facts` text
);
--> statement-breakpoint
CREATE INDEX `suppliers__name` ON `suppliers` (`name`);--> statement-breakpoint
CREATE INDEX `suppliers__credit_code` ON `suppliers` (`credit_code`);--> statement-breakpoint
CREATE INDEX `suppliers__voided` ON `suppliers` (`voided_at`) WHERE voided_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `suppliers__import_id` ON `suppliers` (`import_id`) WHERE import_id IS NOT NULL;