DROP INDEX `findings__sort_record_date`;--> statement-breakpoint
DROP INDEX `findings__sort_record_date_nulls_last`;--> statement-breakpoint
CREATE INDEX `findings__sort_record_date` ON `findings` (`record_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `findings__sort_record_date_nulls_last` ON `findings` ("record_date" IS NULL,`record_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `import_rejects__sort_row`;--> statement-breakpoint
CREATE INDEX `import_rejects__sort_row` ON `import_rejects` (`row`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `signatures__sort_signed_at`;--> statement-breakpoint
CREATE INDEX `signatures__sort_signed_at` ON `signatures` (`signed_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `authorizations__sort_valid_from`;--> statement-breakpoint
DROP INDEX `authorizations__sort_valid_to`;--> statement-breakpoint
CREATE INDEX `authorizations__sort_valid_from` ON `authorizations` (`valid_from`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `authorizations__sort_valid_to` ON `authorizations` (`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `company_licenses__sort_valid_from`;--> statement-breakpoint
DROP INDEX `company_licenses__sort_valid_from_nulls_last`;--> statement-breakpoint
DROP INDEX `company_licenses__sort_valid_to`;--> statement-breakpoint
DROP INDEX `company_licenses__sort_valid_to_nulls_last`;--> statement-breakpoint
CREATE INDEX `company_licenses__sort_valid_from` ON `company_licenses` (`valid_from`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `company_licenses__sort_valid_from_nulls_last` ON `company_licenses` ("valid_from" IS NULL,`valid_from`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `company_licenses__sort_valid_to` ON `company_licenses` (`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `company_licenses__sort_valid_to_nulls_last` ON `company_licenses` ("valid_to" IS NULL,`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `customer_agents__sort_attorney_valid_to`;--> statement-breakpoint
DROP INDEX `customer_agents__sort_attorney_valid_to_nulls_last`;--> statement-breakpoint
DROP INDEX `customer_agents__sort_customer`;--> statement-breakpoint
CREATE INDEX `customer_agents__sort_attorney_valid_to` ON `customer_agents` (`attorney_valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customer_agents__sort_attorney_valid_to_nulls_last` ON `customer_agents` ("attorney_valid_to" IS NULL,`attorney_valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customer_agents__sort_customer` ON `customer_agents` (`customer`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `customer_licenses__sort_valid_from`;--> statement-breakpoint
DROP INDEX `customer_licenses__sort_valid_from_nulls_last`;--> statement-breakpoint
DROP INDEX `customer_licenses__sort_valid_to`;--> statement-breakpoint
DROP INDEX `customer_licenses__sort_valid_to_nulls_last`;--> statement-breakpoint
CREATE INDEX `customer_licenses__sort_valid_from` ON `customer_licenses` (`valid_from`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customer_licenses__sort_valid_from_nulls_last` ON `customer_licenses` ("valid_from" IS NULL,`valid_from`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customer_licenses__sort_valid_to` ON `customer_licenses` (`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customer_licenses__sort_valid_to_nulls_last` ON `customer_licenses` ("valid_to" IS NULL,`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `customers__sort_credit_limit`;--> statement-breakpoint
DROP INDEX `customers__sort_credit_limit_nulls_last`;--> statement-breakpoint
CREATE INDEX `customers__sort_credit_limit` ON `customers` (`credit_limit`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `customers__sort_credit_limit_nulls_last` ON `customers` ("credit_limit" IS NULL,`credit_limit`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `salespeople__sort_contract_end`;--> statement-breakpoint
DROP INDEX `salespeople__sort_contract_end_nulls_last`;--> statement-breakpoint
DROP INDEX `salespeople__sort_permit_valid_to`;--> statement-breakpoint
DROP INDEX `salespeople__sort_permit_valid_to_nulls_last`;--> statement-breakpoint
CREATE INDEX `salespeople__sort_contract_end` ON `salespeople` (`contract_end`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `salespeople__sort_contract_end_nulls_last` ON `salespeople` ("contract_end" IS NULL,`contract_end`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `salespeople__sort_permit_valid_to` ON `salespeople` (`permit_valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `salespeople__sort_permit_valid_to_nulls_last` ON `salespeople` ("permit_valid_to" IS NULL,`permit_valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `trainings__sort_date`;--> statement-breakpoint
CREATE INDEX `trainings__sort_date` ON `trainings` (`date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `batches__sort_production_date`;--> statement-breakpoint
DROP INDEX `batches__sort_production_date_nulls_last`;--> statement-breakpoint
DROP INDEX `batches__sort_expiry_date`;--> statement-breakpoint
DROP INDEX `batches__sort_expiry_date_nulls_last`;--> statement-breakpoint
CREATE INDEX `batches__sort_production_date` ON `batches` (`production_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `batches__sort_production_date_nulls_last` ON `batches` ("production_date" IS NULL,`production_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `batches__sort_expiry_date` ON `batches` (`expiry_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `batches__sort_expiry_date_nulls_last` ON `batches` ("expiry_date" IS NULL,`expiry_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `contracts__sort_signed_at`;--> statement-breakpoint
DROP INDEX `contracts__sort_signed_at_nulls_last`;--> statement-breakpoint
DROP INDEX `contracts__sort_amount`;--> statement-breakpoint
CREATE INDEX `contracts__sort_signed_at` ON `contracts` (`signed_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `contracts__sort_signed_at_nulls_last` ON `contracts` ("signed_at" IS NULL,`signed_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `contracts__sort_amount` ON `contracts` (`amount`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `sales_lines__sort_sale_date`;--> statement-breakpoint
DROP INDEX `sales_lines__sort_quantity`;--> statement-breakpoint
DROP INDEX `sales_lines__sort_unit_price`;--> statement-breakpoint
DROP INDEX `sales_lines__sort_amount`;--> statement-breakpoint
CREATE INDEX `sales_lines__sort_sale_date` ON `sales_lines` (`sale_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `sales_lines__sort_quantity` ON `sales_lines` (`quantity`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `sales_lines__sort_unit_price` ON `sales_lines` (`unit_price`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `sales_lines__sort_amount` ON `sales_lines` (`amount`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `sales_orders__sort_sale_date`;--> statement-breakpoint
CREATE INDEX `sales_orders__sort_sale_date` ON `sales_orders` (`sale_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `special_checks__sort_verified_at`;--> statement-breakpoint
CREATE INDEX `special_checks__sort_verified_at` ON `special_checks` (`verified_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `invoices__sort_invoice_date`;--> statement-breakpoint
DROP INDEX `invoices__sort_amount`;--> statement-breakpoint
CREATE INDEX `invoices__sort_invoice_date` ON `invoices` (`invoice_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `invoices__sort_amount` ON `invoices` (`amount`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `outbound_slips__sort_outbound_date`;--> statement-breakpoint
CREATE INDEX `outbound_slips__sort_outbound_date` ON `outbound_slips` (`outbound_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `payments__sort_paid_at`;--> statement-breakpoint
DROP INDEX `payments__sort_amount`;--> statement-breakpoint
CREATE INDEX `payments__sort_paid_at` ON `payments` (`paid_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `payments__sort_amount` ON `payments` (`amount`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `adverse_reactions__sort_received_at`;--> statement-breakpoint
DROP INDEX `adverse_reactions__sort_reported_at`;--> statement-breakpoint
DROP INDEX `adverse_reactions__sort_reported_at_nulls_last`;--> statement-breakpoint
CREATE INDEX `adverse_reactions__sort_received_at` ON `adverse_reactions` (`received_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `adverse_reactions__sort_reported_at` ON `adverse_reactions` (`reported_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `adverse_reactions__sort_reported_at_nulls_last` ON `adverse_reactions` ("reported_at" IS NULL,`reported_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `complaints__sort_received_at`;--> statement-breakpoint
CREATE INDEX `complaints__sort_received_at` ON `complaints` (`received_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `quality_feedback__sort_reported_at`;--> statement-breakpoint
DROP INDEX `quality_feedback__sort_reported_at_nulls_last`;--> statement-breakpoint
CREATE INDEX `quality_feedback__sort_reported_at` ON `quality_feedback` (`reported_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `quality_feedback__sort_reported_at_nulls_last` ON `quality_feedback` ("reported_at" IS NULL,`reported_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `recall_notices__sort_notified_at`;--> statement-breakpoint
DROP INDEX `recall_notices__sort_notified_at_nulls_last`;--> statement-breakpoint
CREATE INDEX `recall_notices__sort_notified_at` ON `recall_notices` (`notified_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX `recall_notices__sort_notified_at_nulls_last` ON `recall_notices` ("notified_at" IS NULL,`notified_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `recalls__sort_started_at`;--> statement-breakpoint
CREATE INDEX `recalls__sort_started_at` ON `recalls` (`started_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `visits__sort_visit_date`;--> statement-breakpoint
CREATE INDEX `visits__sort_visit_date` ON `visits` (`visit_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `document_deliveries__sort_delivered_at`;--> statement-breakpoint
CREATE INDEX `document_deliveries__sort_delivered_at` ON `document_deliveries` (`delivered_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `nonconformities__sort_found_at`;--> statement-breakpoint
CREATE INDEX `nonconformities__sort_found_at` ON `nonconformities` (`found_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `deliveries__sort_departed_at`;--> statement-breakpoint
CREATE INDEX `deliveries__sort_departed_at` ON `deliveries` (`departed_at`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `replies__sort_reply_date`;--> statement-breakpoint
CREATE INDEX `replies__sort_reply_date` ON `replies` (`reply_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `service_promises__sort_due_date`;--> statement-breakpoint
CREATE INDEX `service_promises__sort_due_date` ON `service_promises` (`due_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `follow_up_plans__sort_start_date`;--> statement-breakpoint
CREATE INDEX `follow_up_plans__sort_start_date` ON `follow_up_plans` (`start_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `supplier_agreements__sort_valid_to`;--> statement-breakpoint
CREATE INDEX `supplier_agreements__sort_valid_to` ON `supplier_agreements` (`valid_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `price_filings__sort_period_to`;--> statement-breakpoint
CREATE INDEX `price_filings__sort_period_to` ON `price_filings` (`period_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `salesperson_assessments__sort_period_to`;--> statement-breakpoint
CREATE INDEX `salesperson_assessments__sort_period_to` ON `salesperson_assessments` (`period_to`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `corrective_actions__sort_due_date`;--> statement-breakpoint
CREATE INDEX `corrective_actions__sort_due_date` ON `corrective_actions` (`due_date`,`id`) WHERE voided_at IS NULL;--> statement-breakpoint
DROP INDEX `market_reports__sort_reported_at`;--> statement-breakpoint
CREATE INDEX `market_reports__sort_reported_at` ON `market_reports` (`reported_at`,`id`) WHERE voided_at IS NULL;