/**
 * drizzle-kit's schema entry for drizzle-pg/ (drizzle.pg.config.ts): it collects the tables a module exports
 * by name, so each one is named here. test/schema/pg-tables.test.ts fails when a declared table is missing.
 */
import { pgTables } from './tables';

const t = Object.fromEntries(pgTables);
export const { users, audit_log, signatures, imports, import_rejects, findings, settings, sessions, company_licenses, customers, customer_licenses, customer_agents, salespeople, authorizations, trainings, products, batches, contracts, sales_orders, sales_lines, special_checks, outbound_slips, invoices, invoice_slips, invoice_lines, payments, visits, complaints, quality_feedback, adverse_reactions, recalls, recall_notices, attachments, document_deliveries, nonconformities, nonconformity_notices, deliveries, replies, service_promises, follow_up_plans, suppliers, supplier_agreements, salesperson_assessments, price_filings, product_materials, market_reports, corrective_actions } = t;
