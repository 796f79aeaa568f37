DROP INDEX "batches__product";--> statement-breakpoint
DROP INDEX "customer_agents__customer";--> statement-breakpoint
DROP INDEX "customer_licenses__customer";--> statement-breakpoint
DROP INDEX "invoice_slips__invoice";--> statement-breakpoint
DROP INDEX "nonconformity_notices__nonconformity";--> statement-breakpoint
DROP INDEX "price_filings__salesperson";--> statement-breakpoint
DROP INDEX "product_materials__product";--> statement-breakpoint
DROP INDEX "products__approval_no";--> statement-breakpoint
DROP INDEX "recall_notices__recall";--> statement-breakpoint
DROP INDEX "salesperson_assessments__salesperson";--> statement-breakpoint
DROP INDEX "trainings__salesperson";--> statement-breakpoint
DROP INDEX "trainings__trainee";--> statement-breakpoint
CREATE INDEX "batches__product__batch_no" ON "batches" USING btree ("product","batch_no");--> statement-breakpoint
CREATE INDEX "customer_agents__customer__name__role" ON "customer_agents" USING btree ("customer","name","role");--> statement-breakpoint
CREATE INDEX "customer_licenses__customer__kind__number" ON "customer_licenses" USING btree ("customer","kind","number");--> statement-breakpoint
CREATE INDEX "invoice_slips__invoice__slip" ON "invoice_slips" USING btree ("invoice","slip");--> statement-breakpoint
CREATE INDEX "nonconformity_notices__nonconformity__customer" ON "nonconformity_notices" USING btree ("nonconformity","customer");--> statement-breakpoint
CREATE INDEX "price_filings__salesperson__period_from" ON "price_filings" USING btree ("salesperson","period_from");--> statement-breakpoint
CREATE INDEX "product_materials__product__edition" ON "product_materials" USING btree ("product","edition");--> statement-breakpoint
CREATE INDEX "products__approval_no__spec" ON "products" USING btree ("approval_no","spec");--> statement-breakpoint
CREATE INDEX "recall_notices__recall__customer" ON "recall_notices" USING btree ("recall","customer");--> statement-breakpoint
CREATE INDEX "salesperson_assessments__salesperson__period_from" ON "salesperson_assessments" USING btree ("salesperson","period_from");--> statement-breakpoint
CREATE INDEX "trainings__salesperson__date" ON "trainings" USING btree ("salesperson","date");--> statement-breakpoint
CREATE INDEX "trainings__salesperson__passed__date" ON "trainings" USING btree ("salesperson","passed","date");--> statement-breakpoint
CREATE INDEX "trainings__salesperson__date__topic" ON "trainings" USING btree ("salesperson","date","topic");--> statement-breakpoint
CREATE INDEX "trainings__trainee__date__topic" ON "trainings" USING btree ("trainee","date","topic");