CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` integer,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`record_id` integer,
	`before` text,
	`after` text,
	`reason` text,
	FOREIGN KEY (`actor`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log__actor` ON `audit_log` (`actor`);--> statement-breakpoint
CREATE INDEX `audit_log__action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_log__resource` ON `audit_log` (`resource`);--> statement-breakpoint
CREATE INDEX `audit_log__at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log__resource__record_id` ON `audit_log` (`resource`,`record_id`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`rule` text NOT NULL,
	`severity` text NOT NULL,
	`resource` text NOT NULL,
	`record_id` integer,
	`import` integer,
	`row` integer,
	`fields` text,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`reviewed_by` integer,
	`reviewed_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`import`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings__import` ON `findings` (`import`);--> statement-breakpoint
CREATE INDEX `findings__reviewed_by` ON `findings` (`reviewed_by`);--> statement-breakpoint
CREATE INDEX `findings__rule` ON `findings` (`rule`);--> statement-breakpoint
CREATE INDEX `findings__severity` ON `findings` (`severity`);--> statement-breakpoint
CREATE INDEX `findings__status` ON `findings` (`status`);--> statement-breakpoint
CREATE INDEX `findings__resource` ON `findings` (`resource`);--> statement-breakpoint
CREATE INDEX `findings__resource__record_id` ON `findings` (`resource`,`record_id`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`import` integer NOT NULL,
	`row` integer NOT NULL,
	`raw` text,
	`errors` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`import`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_rejects__import` ON `import_rejects` (`import`);--> statement-breakpoint
CREATE INDEX `import_rejects__row` ON `import_rejects` (`row`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer,
	`format` text,
	`encoding` text,
	`sheet` text,
	`header_row` integer,
	`mapping` text,
	`counts` text,
	`status` text NOT NULL,
	`stored_path` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `imports__kind` ON `imports` (`kind`);--> statement-breakpoint
CREATE INDEX `imports__status` ON `imports` (`status`);--> statement-breakpoint
CREATE INDEX `imports__sha256` ON `imports` (`sha256`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions__user` ON `sessions` (`user`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`description` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `settings__key` ON `settings` (`key`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`roles` text NOT NULL,
	`password` text,
	`salesperson` integer,
	`active` integer DEFAULT true,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `users__salesperson` ON `users` (`salesperson`);--> statement-breakpoint
CREATE INDEX `users__active` ON `users` (`active`);--> statement-breakpoint
CREATE INDEX `users__username` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `authorizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`document_no` text NOT NULL,
	`salesperson` integer NOT NULL,
	`varieties` text NOT NULL,
	`regions` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`sealed` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authorizations__salesperson` ON `authorizations` (`salesperson`);--> statement-breakpoint
CREATE INDEX `authorizations__valid_to` ON `authorizations` (`valid_to`);--> statement-breakpoint
CREATE INDEX `authorizations__sealed` ON `authorizations` (`sealed`);--> statement-breakpoint
CREATE INDEX `authorizations__document_no` ON `authorizations` (`document_no`);--> statement-breakpoint
CREATE TABLE `company_licenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`scope` text,
	`business_mode` text,
	`valid_from` text,
	`valid_to` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `company_licenses__kind` ON `company_licenses` (`kind`);--> statement-breakpoint
CREATE INDEX `company_licenses__valid_to` ON `company_licenses` (`valid_to`);--> statement-breakpoint
CREATE INDEX `company_licenses__number` ON `company_licenses` (`number`);--> statement-breakpoint
CREATE TABLE `customer_agents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`id_no` text,
	`phone` text,
	`attorney_valid_to` text,
	`id_copy` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_agents__customer` ON `customer_agents` (`customer`);--> statement-breakpoint
CREATE INDEX `customer_agents__role` ON `customer_agents` (`role`);--> statement-breakpoint
CREATE TABLE `customer_licenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`scope` text,
	`valid_from` text,
	`valid_to` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_licenses__customer` ON `customer_licenses` (`customer`);--> statement-breakpoint
CREATE INDEX `customer_licenses__kind` ON `customer_licenses` (`kind`);--> statement-breakpoint
CREATE INDEX `customer_licenses__valid_to` ON `customer_licenses` (`valid_to`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`name` text NOT NULL,
	`type` text,
	`credit_code` text,
	`region` text,
	`address` text,
	`contact_name` text,
	`contact_phone` text,
	`legal_rep` text,
	`qa_status` text DEFAULT 'pending' NOT NULL,
	`qa_approved_at` text,
	`qa_approved_by` text,
	`credit_reviewed_at` text,
	`credit_limit` real,
	`payment_rating` text,
	`storage_reviewed_at` text,
	`cold_chain` integer,
	`service_point` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `customers__type` ON `customers` (`type`);--> statement-breakpoint
CREATE INDEX `customers__region` ON `customers` (`region`);--> statement-breakpoint
CREATE INDEX `customers__qa_status` ON `customers` (`qa_status`);--> statement-breakpoint
CREATE INDEX `customers__service_point` ON `customers` (`service_point`);--> statement-breakpoint
CREATE INDEX `customers__name` ON `customers` (`name`);--> statement-breakpoint
CREATE INDEX `customers__credit_code` ON `customers` (`credit_code`);--> statement-breakpoint
CREATE TABLE `salespeople` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`name` text NOT NULL,
	`id_no` text,
	`employee_no` text,
	`phone` text,
	`contract_start` text,
	`contract_end` text,
	`social_insurance` integer,
	`permit_no` text,
	`permit_valid_to` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `salespeople__contract_end` ON `salespeople` (`contract_end`);--> statement-breakpoint
CREATE INDEX `salespeople__permit_valid_to` ON `salespeople` (`permit_valid_to`);--> statement-breakpoint
CREATE INDEX `salespeople__name` ON `salespeople` (`name`);--> statement-breakpoint
CREATE TABLE `trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`salesperson` integer NOT NULL,
	`date` text NOT NULL,
	`topic` text NOT NULL,
	`hours` real,
	`passed` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainings__salesperson` ON `trainings` (`salesperson`);--> statement-breakpoint
CREATE INDEX `trainings__date` ON `trainings` (`date`);--> statement-breakpoint
CREATE INDEX `trainings__passed` ON `trainings` (`passed`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`product` integer NOT NULL,
	`batch_no` text NOT NULL,
	`production_date` text,
	`expiry_date` text,
	`sterilization_batch` text,
	`status` text DEFAULT 'qualified' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batches__product` ON `batches` (`product`);--> statement-breakpoint
CREATE INDEX `batches__status` ON `batches` (`status`);--> statement-breakpoint
CREATE INDEX `batches__expiry_date` ON `batches` (`expiry_date`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`kind` text DEFAULT 'drug' NOT NULL,
	`generic_name` text NOT NULL,
	`trade_name` text,
	`dosage_form` text,
	`spec` text,
	`unit` text,
	`manufacturer` text,
	`manufacturer_license` text,
	`approval_no` text,
	`scope_category` text,
	`device_class` text,
	`special_control` text,
	`storage` text,
	`sterile_single_use` integer,
	`imported` integer,
	`price_cap` real,
	`price_min` real,
	`price_max` real,
	`qa_status` text DEFAULT 'pending' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text
);
--> statement-breakpoint
CREATE INDEX `products__kind` ON `products` (`kind`);--> statement-breakpoint
CREATE INDEX `products__scope_category` ON `products` (`scope_category`);--> statement-breakpoint
CREATE INDEX `products__storage` ON `products` (`storage`);--> statement-breakpoint
CREATE INDEX `products__qa_status` ON `products` (`qa_status`);--> statement-breakpoint
CREATE INDEX `products__generic_name` ON `products` (`generic_name`);--> statement-breakpoint
CREATE INDEX `products__approval_no` ON `products` (`approval_no`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`contract_no` text NOT NULL,
	`customer` integer NOT NULL,
	`salesperson` integer,
	`amount` real NOT NULL,
	`signed_at` text,
	`quality_terms` text,
	`quantity_price_terms` text,
	`delivery_terms` text,
	`payment_method` text,
	`payment_days` integer,
	`after_sales_terms` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_by` text,
	`approved_role` text,
	`approved_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contracts__customer` ON `contracts` (`customer`);--> statement-breakpoint
CREATE INDEX `contracts__salesperson` ON `contracts` (`salesperson`);--> statement-breakpoint
CREATE INDEX `contracts__status` ON `contracts` (`status`);--> statement-breakpoint
CREATE INDEX `contracts__signed_at` ON `contracts` (`signed_at`);--> statement-breakpoint
CREATE INDEX `contracts__contract_no` ON `contracts` (`contract_no`);--> statement-breakpoint
CREATE TABLE `sales_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`order` integer NOT NULL,
	`sale_date` text,
	`customer` integer,
	`product` integer NOT NULL,
	`batch` integer,
	`quantity` real NOT NULL,
	`unit_price` real NOT NULL,
	`amount` real NOT NULL,
	`price_approved_by` text,
	`handler` text,
	`responsible` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`order`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_lines__order` ON `sales_lines` (`order`);--> statement-breakpoint
CREATE INDEX `sales_lines__customer` ON `sales_lines` (`customer`);--> statement-breakpoint
CREATE INDEX `sales_lines__product` ON `sales_lines` (`product`);--> statement-breakpoint
CREATE INDEX `sales_lines__batch` ON `sales_lines` (`batch`);--> statement-breakpoint
CREATE INDEX `sales_lines__sale_date` ON `sales_lines` (`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_lines__customer__sale_date` ON `sales_lines` (`customer`,`sale_date`);--> statement-breakpoint
CREATE TABLE `sales_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`order_no` text NOT NULL,
	`customer` integer NOT NULL,
	`salesperson` integer,
	`contract` integer,
	`sale_date` text NOT NULL,
	`payment_method` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`remark` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`salesperson`) REFERENCES `salespeople`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sales_orders__customer` ON `sales_orders` (`customer`);--> statement-breakpoint
CREATE INDEX `sales_orders__salesperson` ON `sales_orders` (`salesperson`);--> statement-breakpoint
CREATE INDEX `sales_orders__contract` ON `sales_orders` (`contract`);--> statement-breakpoint
CREATE INDEX `sales_orders__status` ON `sales_orders` (`status`);--> statement-breakpoint
CREATE INDEX `sales_orders__sale_date` ON `sales_orders` (`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_orders__customer__sale_date` ON `sales_orders` (`customer`,`sale_date`);--> statement-breakpoint
CREATE INDEX `sales_orders__order_no` ON `sales_orders` (`order_no`);--> statement-breakpoint
CREATE TABLE `special_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`order` integer NOT NULL,
	`contract_obtained` integer,
	`identity_verified` integer,
	`authenticity_verified` integer,
	`verified_by` text,
	`verified_at` text NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`order`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `special_checks__order` ON `special_checks` (`order`);--> statement-breakpoint
CREATE INDEX `special_checks__verified_at` ON `special_checks` (`verified_at`);--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`invoice` integer NOT NULL,
	`product` integer NOT NULL,
	`quantity` real NOT NULL,
	`amount` real NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`invoice`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_lines__invoice` ON `invoice_lines` (`invoice`);--> statement-breakpoint
CREATE INDEX `invoice_lines__product` ON `invoice_lines` (`product`);--> statement-breakpoint
CREATE TABLE `invoice_slips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`invoice` integer NOT NULL,
	`slip` integer NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`invoice`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slip`) REFERENCES `outbound_slips`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_slips__invoice` ON `invoice_slips` (`invoice`);--> statement-breakpoint
CREATE INDEX `invoice_slips__slip` ON `invoice_slips` (`slip`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`invoice_no` text NOT NULL,
	`type` text NOT NULL,
	`customer` integer NOT NULL,
	`invoice_date` text NOT NULL,
	`amount` real NOT NULL,
	`itemised` integer,
	`list_attached` integer,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoices__customer` ON `invoices` (`customer`);--> statement-breakpoint
CREATE INDEX `invoices__type` ON `invoices` (`type`);--> statement-breakpoint
CREATE INDEX `invoices__invoice_date` ON `invoices` (`invoice_date`);--> statement-breakpoint
CREATE INDEX `invoices__invoice_no` ON `invoices` (`invoice_no`);--> statement-breakpoint
CREATE TABLE `outbound_slips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`slip_no` text NOT NULL,
	`order` integer NOT NULL,
	`outbound_date` text NOT NULL,
	`issued_by` text,
	`picked_by` text,
	`reviewed_by` text,
	`reviewed_at` text,
	`receipt_confirmed_at` text,
	`arrival_verified_at` text,
	`arrival_verified_by` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`order`) REFERENCES `sales_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbound_slips__order` ON `outbound_slips` (`order`);--> statement-breakpoint
CREATE INDEX `outbound_slips__outbound_date` ON `outbound_slips` (`outbound_date`);--> statement-breakpoint
CREATE INDEX `outbound_slips__reviewed_by` ON `outbound_slips` (`reviewed_by`);--> statement-breakpoint
CREATE INDEX `outbound_slips__receipt_confirmed_at` ON `outbound_slips` (`receipt_confirmed_at`);--> statement-breakpoint
CREATE INDEX `outbound_slips__slip_no` ON `outbound_slips` (`slip_no`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`invoice` integer,
	`amount` real NOT NULL,
	`paid_at` text NOT NULL,
	`method` text NOT NULL,
	`voucher_no` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments__customer` ON `payments` (`customer`);--> statement-breakpoint
CREATE INDEX `payments__invoice` ON `payments` (`invoice`);--> statement-breakpoint
CREATE INDEX `payments__method` ON `payments` (`method`);--> statement-breakpoint
CREATE INDEX `payments__paid_at` ON `payments` (`paid_at`);--> statement-breakpoint
CREATE INDEX `payments__voucher_no` ON `payments` (`voucher_no`);--> statement-breakpoint
CREATE TABLE `adverse_reactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer,
	`product` integer NOT NULL,
	`batch` integer,
	`patient` text,
	`reaction` text NOT NULL,
	`severity` text NOT NULL,
	`onset_date` text,
	`received_at` text NOT NULL,
	`forwarded_to_qa_at` text,
	`reported_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adverse_reactions__customer` ON `adverse_reactions` (`customer`);--> statement-breakpoint
CREATE INDEX `adverse_reactions__product` ON `adverse_reactions` (`product`);--> statement-breakpoint
CREATE INDEX `adverse_reactions__batch` ON `adverse_reactions` (`batch`);--> statement-breakpoint
CREATE INDEX `adverse_reactions__severity` ON `adverse_reactions` (`severity`);--> statement-breakpoint
CREATE INDEX `adverse_reactions__received_at` ON `adverse_reactions` (`received_at`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`complaint_no` text NOT NULL,
	`customer` integer NOT NULL,
	`channel` text NOT NULL,
	`received_at` text NOT NULL,
	`product` integer,
	`batch` integer,
	`description` text NOT NULL,
	`investigation` text,
	`measures` text,
	`feedback_at` text,
	`follow_up` text,
	`reported_to_qa_at` text,
	`status` text DEFAULT 'open' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints__customer` ON `complaints` (`customer`);--> statement-breakpoint
CREATE INDEX `complaints__product` ON `complaints` (`product`);--> statement-breakpoint
CREATE INDEX `complaints__batch` ON `complaints` (`batch`);--> statement-breakpoint
CREATE INDEX `complaints__channel` ON `complaints` (`channel`);--> statement-breakpoint
CREATE INDEX `complaints__status` ON `complaints` (`status`);--> statement-breakpoint
CREATE INDEX `complaints__received_at` ON `complaints` (`received_at`);--> statement-breakpoint
CREATE INDEX `complaints__complaint_no` ON `complaints` (`complaint_no`);--> statement-breakpoint
CREATE TABLE `quality_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`form_no` text NOT NULL,
	`source` text NOT NULL,
	`customer` integer,
	`product` integer,
	`batch` integer,
	`description` text NOT NULL,
	`analysis` text,
	`handling` text,
	`reported_at` text,
	`status` text DEFAULT 'open' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quality_feedback__customer` ON `quality_feedback` (`customer`);--> statement-breakpoint
CREATE INDEX `quality_feedback__product` ON `quality_feedback` (`product`);--> statement-breakpoint
CREATE INDEX `quality_feedback__batch` ON `quality_feedback` (`batch`);--> statement-breakpoint
CREATE INDEX `quality_feedback__source` ON `quality_feedback` (`source`);--> statement-breakpoint
CREATE INDEX `quality_feedback__status` ON `quality_feedback` (`status`);--> statement-breakpoint
CREATE INDEX `quality_feedback__form_no` ON `quality_feedback` (`form_no`);--> statement-breakpoint
CREATE TABLE `recall_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`recall` integer NOT NULL,
	`customer` integer NOT NULL,
	`quantity_sold` real,
	`notified_at` text,
	`method` text,
	`acknowledged_at` text,
	`quantity_returned` real,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`recall`) REFERENCES `recalls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recall_notices__recall` ON `recall_notices` (`recall`);--> statement-breakpoint
CREATE INDEX `recall_notices__customer` ON `recall_notices` (`customer`);--> statement-breakpoint
CREATE INDEX `recall_notices__notified_at` ON `recall_notices` (`notified_at`);--> statement-breakpoint
CREATE TABLE `recalls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`recall_no` text NOT NULL,
	`product` integer NOT NULL,
	`batches` text NOT NULL,
	`level` text NOT NULL,
	`initiated_by` text NOT NULL,
	`reason` text NOT NULL,
	`started_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recalls__product` ON `recalls` (`product`);--> statement-breakpoint
CREATE INDEX `recalls__level` ON `recalls` (`level`);--> statement-breakpoint
CREATE INDEX `recalls__status` ON `recalls` (`status`);--> statement-breakpoint
CREATE INDEX `recalls__started_at` ON `recalls` (`started_at`);--> statement-breakpoint
CREATE INDEX `recalls__recall_no` ON `recalls` (`recall_no`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text,
	`created_by` integer,
	`updated_at` text,
	`updated_by` integer,
	`customer` integer NOT NULL,
	`visit_date` text NOT NULL,
	`kind` text NOT NULL,
	`staff` text NOT NULL,
	`product` integer,
	`opinions` text,
	`actions` text,
	`feedback_at` text,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`customer`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits__customer` ON `visits` (`customer`);--> statement-breakpoint
CREATE INDEX `visits__product` ON `visits` (`product`);--> statement-breakpoint
CREATE INDEX `visits__kind` ON `visits` (`kind`);--> statement-breakpoint
CREATE INDEX `visits__visit_date` ON `visits` (`visit_date`);