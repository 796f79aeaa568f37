DROP INDEX "adverse_reactions__sort_received_at";--> statement-breakpoint
DROP INDEX "adverse_reactions__sort_reported_at";--> statement-breakpoint
DROP INDEX "adverse_reactions__sort_reported_at_nulls_last";--> statement-breakpoint
DROP INDEX "authorizations__sort_valid_from";--> statement-breakpoint
DROP INDEX "authorizations__sort_valid_to";--> statement-breakpoint
DROP INDEX "batches__sort_production_date";--> statement-breakpoint
DROP INDEX "batches__sort_production_date_nulls_last";--> statement-breakpoint
DROP INDEX "batches__sort_expiry_date";--> statement-breakpoint
DROP INDEX "batches__sort_expiry_date_nulls_last";--> statement-breakpoint
DROP INDEX "company_licenses__sort_valid_from";--> statement-breakpoint
DROP INDEX "company_licenses__sort_valid_from_nulls_last";--> statement-breakpoint
DROP INDEX "company_licenses__sort_valid_to";--> statement-breakpoint
DROP INDEX "company_licenses__sort_valid_to_nulls_last";--> statement-breakpoint
DROP INDEX "complaints__sort_received_at";--> statement-breakpoint
DROP INDEX "contracts__sort_signed_at";--> statement-breakpoint
DROP INDEX "contracts__sort_signed_at_nulls_last";--> statement-breakpoint
DROP INDEX "contracts__sort_amount";--> statement-breakpoint
DROP INDEX "corrective_actions__sort_due_date";--> statement-breakpoint
DROP INDEX "customer_agents__sort_attorney_valid_to";--> statement-breakpoint
DROP INDEX "customer_agents__sort_attorney_valid_to_nulls_last";--> statement-breakpoint
DROP INDEX "customer_agents__sort_customer";--> statement-breakpoint
DROP INDEX "customer_licenses__sort_valid_from";--> statement-breakpoint
DROP INDEX "customer_licenses__sort_valid_from_nulls_last";--> statement-breakpoint
DROP INDEX "customer_licenses__sort_valid_to";--> statement-breakpoint
DROP INDEX "customer_licenses__sort_valid_to_nulls_last";--> statement-breakpoint
DROP INDEX "customers__sort_credit_limit";--> statement-breakpoint
DROP INDEX "customers__sort_credit_limit_nulls_last";--> statement-breakpoint
DROP INDEX "deliveries__sort_departed_at";--> statement-breakpoint
DROP INDEX "document_deliveries__sort_delivered_at";--> statement-breakpoint
DROP INDEX "findings__sort_record_date";--> statement-breakpoint
DROP INDEX "findings__sort_record_date_nulls_last";--> statement-breakpoint
DROP INDEX "follow_up_plans__sort_start_date";--> statement-breakpoint
DROP INDEX "import_rejects__sort_row";--> statement-breakpoint
DROP INDEX "invoices__sort_invoice_date";--> statement-breakpoint
DROP INDEX "invoices__sort_amount";--> statement-breakpoint
DROP INDEX "market_reports__sort_reported_at";--> statement-breakpoint
DROP INDEX "nonconformities__sort_found_at";--> statement-breakpoint
DROP INDEX "outbound_slips__sort_outbound_date";--> statement-breakpoint
DROP INDEX "payments__sort_paid_at";--> statement-breakpoint
DROP INDEX "payments__sort_amount";--> statement-breakpoint
DROP INDEX "price_filings__sort_period_to";--> statement-breakpoint
DROP INDEX "quality_feedback__sort_reported_at";--> statement-breakpoint
DROP INDEX "quality_feedback__sort_reported_at_nulls_last";--> statement-breakpoint
DROP INDEX "recall_notices__sort_notified_at";--> statement-breakpoint
DROP INDEX "recall_notices__sort_notified_at_nulls_last";--> statement-breakpoint
DROP INDEX "recalls__sort_started_at";--> statement-breakpoint
DROP INDEX "replies__sort_reply_date";--> statement-breakpoint
DROP INDEX "sales_lines__sort_sale_date";--> statement-breakpoint
DROP INDEX "sales_lines__sort_quantity";--> statement-breakpoint
DROP INDEX "sales_lines__sort_unit_price";--> statement-breakpoint
DROP INDEX "sales_lines__sort_amount";--> statement-breakpoint
DROP INDEX "sales_orders__sort_sale_date";--> statement-breakpoint
DROP INDEX "salespeople__sort_contract_end";--> statement-breakpoint
DROP INDEX "salespeople__sort_contract_end_nulls_last";--> statement-breakpoint
DROP INDEX "salespeople__sort_permit_valid_to";--> statement-breakpoint
DROP INDEX "salespeople__sort_permit_valid_to_nulls_last";--> statement-breakpoint
DROP INDEX "salesperson_assessments__sort_period_to";--> statement-breakpoint
DROP INDEX "service_promises__sort_due_date";--> statement-breakpoint
DROP INDEX "signatures__sort_signed_at";--> statement-breakpoint
DROP INDEX "special_checks__sort_verified_at";--> statement-breakpoint
DROP INDEX "supplier_agreements__sort_valid_to";--> statement-breakpoint
DROP INDEX "trainings__sort_date";--> statement-breakpoint
DROP INDEX "visits__sort_visit_date";--> statement-breakpoint
CREATE INDEX "adverse_reactions__sort_received_at" ON "adverse_reactions" USING btree ("received_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "adverse_reactions__sort_reported_at" ON "adverse_reactions" USING btree ("reported_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "adverse_reactions__sort_reported_at_nulls_last" ON "adverse_reactions" USING btree (("reported_at" IS NULL),"reported_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "authorizations__sort_valid_from" ON "authorizations" USING btree ("valid_from","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "authorizations__sort_valid_to" ON "authorizations" USING btree ("valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "batches__sort_production_date" ON "batches" USING btree ("production_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "batches__sort_production_date_nulls_last" ON "batches" USING btree (("production_date" IS NULL),"production_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "batches__sort_expiry_date" ON "batches" USING btree ("expiry_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "batches__sort_expiry_date_nulls_last" ON "batches" USING btree (("expiry_date" IS NULL),"expiry_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "company_licenses__sort_valid_from" ON "company_licenses" USING btree ("valid_from","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "company_licenses__sort_valid_from_nulls_last" ON "company_licenses" USING btree (("valid_from" IS NULL),"valid_from","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "company_licenses__sort_valid_to" ON "company_licenses" USING btree ("valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "company_licenses__sort_valid_to_nulls_last" ON "company_licenses" USING btree (("valid_to" IS NULL),"valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "complaints__sort_received_at" ON "complaints" USING btree ("received_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "contracts__sort_signed_at" ON "contracts" USING btree ("signed_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "contracts__sort_signed_at_nulls_last" ON "contracts" USING btree (("signed_at" IS NULL),"signed_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "contracts__sort_amount" ON "contracts" USING btree ("amount","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "corrective_actions__sort_due_date" ON "corrective_actions" USING btree ("due_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_agents__sort_attorney_valid_to" ON "customer_agents" USING btree ("attorney_valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_agents__sort_attorney_valid_to_nulls_last" ON "customer_agents" USING btree (("attorney_valid_to" IS NULL),"attorney_valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_agents__sort_customer" ON "customer_agents" USING btree ("customer","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_licenses__sort_valid_from" ON "customer_licenses" USING btree ("valid_from","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_licenses__sort_valid_from_nulls_last" ON "customer_licenses" USING btree (("valid_from" IS NULL),"valid_from","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_licenses__sort_valid_to" ON "customer_licenses" USING btree ("valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customer_licenses__sort_valid_to_nulls_last" ON "customer_licenses" USING btree (("valid_to" IS NULL),"valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers__sort_credit_limit" ON "customers" USING btree ("credit_limit","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "customers__sort_credit_limit_nulls_last" ON "customers" USING btree (("credit_limit" IS NULL),"credit_limit","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "deliveries__sort_departed_at" ON "deliveries" USING btree ("departed_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "document_deliveries__sort_delivered_at" ON "document_deliveries" USING btree ("delivered_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "findings__sort_record_date" ON "findings" USING btree ("record_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "findings__sort_record_date_nulls_last" ON "findings" USING btree (("record_date" IS NULL),"record_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "follow_up_plans__sort_start_date" ON "follow_up_plans" USING btree ("start_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "import_rejects__sort_row" ON "import_rejects" USING btree ("row","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "invoices__sort_invoice_date" ON "invoices" USING btree ("invoice_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "invoices__sort_amount" ON "invoices" USING btree ("amount","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "market_reports__sort_reported_at" ON "market_reports" USING btree ("reported_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "nonconformities__sort_found_at" ON "nonconformities" USING btree ("found_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "outbound_slips__sort_outbound_date" ON "outbound_slips" USING btree ("outbound_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "payments__sort_paid_at" ON "payments" USING btree ("paid_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "payments__sort_amount" ON "payments" USING btree ("amount","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "price_filings__sort_period_to" ON "price_filings" USING btree ("period_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "quality_feedback__sort_reported_at" ON "quality_feedback" USING btree ("reported_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "quality_feedback__sort_reported_at_nulls_last" ON "quality_feedback" USING btree (("reported_at" IS NULL),"reported_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "recall_notices__sort_notified_at" ON "recall_notices" USING btree ("notified_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "recall_notices__sort_notified_at_nulls_last" ON "recall_notices" USING btree (("notified_at" IS NULL),"notified_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "recalls__sort_started_at" ON "recalls" USING btree ("started_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "replies__sort_reply_date" ON "replies" USING btree ("reply_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_lines__sort_sale_date" ON "sales_lines" USING btree ("sale_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_lines__sort_quantity" ON "sales_lines" USING btree ("quantity","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_lines__sort_unit_price" ON "sales_lines" USING btree ("unit_price","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_lines__sort_amount" ON "sales_lines" USING btree ("amount","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "sales_orders__sort_sale_date" ON "sales_orders" USING btree ("sale_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "salespeople__sort_contract_end" ON "salespeople" USING btree ("contract_end","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "salespeople__sort_contract_end_nulls_last" ON "salespeople" USING btree (("contract_end" IS NULL),"contract_end","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "salespeople__sort_permit_valid_to" ON "salespeople" USING btree ("permit_valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "salespeople__sort_permit_valid_to_nulls_last" ON "salespeople" USING btree (("permit_valid_to" IS NULL),"permit_valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "salesperson_assessments__sort_period_to" ON "salesperson_assessments" USING btree ("period_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "service_promises__sort_due_date" ON "service_promises" USING btree ("due_date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "signatures__sort_signed_at" ON "signatures" USING btree ("signed_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "special_checks__sort_verified_at" ON "special_checks" USING btree ("verified_at","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "supplier_agreements__sort_valid_to" ON "supplier_agreements" USING btree ("valid_to","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "trainings__sort_date" ON "trainings" USING btree ("date","id") WHERE voided_at IS NULL;--> statement-breakpoint
CREATE INDEX "visits__sort_visit_date" ON "visits" USING btree ("visit_date","id") WHERE voided_at IS NULL;