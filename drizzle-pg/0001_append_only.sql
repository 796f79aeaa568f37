-- Custom (hand-written): the PostgreSQL side of drizzle/0002_audit_append_only.sql and
-- drizzle/0013_attachments_immutable.sql, with the same trigger names and messages. The audit trail is
-- append-only whoever asks (GSP 计算机系统, ALCOA+): no UPDATE, no DELETE — and no TRUNCATE, which skips row
-- triggers on PostgreSQL (SQLite has none). The application role has no UPDATE/DELETE privilege on it
-- either (ops/pg/app-role.sql): the trigger holds for the owner, the privilege for a compromised app.
CREATE FUNCTION "gsp_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "gsp_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "gsp_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_append_only"();
--> statement-breakpoint
-- A stored scan's row is never deleted and what it points at never changes — the hash, the record it belongs
-- to, its kind, name, type and size. Only its supersession (and the version stamps) may be written, by the
-- attachment service when a newer scan replaces it.
CREATE FUNCTION "gsp_attachments_never_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'attachments are never deleted' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "attachments_no_delete" BEFORE DELETE ON "attachments" FOR EACH ROW EXECUTE FUNCTION "gsp_attachments_never_deleted"();
--> statement-breakpoint
CREATE TRIGGER "attachments_no_truncate" BEFORE TRUNCATE ON "attachments" FOR EACH STATEMENT EXECUTE FUNCTION "gsp_attachments_never_deleted"();
--> statement-breakpoint
CREATE FUNCTION "gsp_attachments_content_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a stored attachment is never rewritten: upload a replacement' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "attachments_content_fixed" BEFORE UPDATE OF "sha256", "resource", "record_id", "kind", "file_name", "mime", "size" ON "attachments"
FOR EACH ROW WHEN (NEW."sha256" IS DISTINCT FROM OLD."sha256" OR NEW."resource" IS DISTINCT FROM OLD."resource"
  OR NEW."record_id" IS DISTINCT FROM OLD."record_id" OR NEW."kind" IS DISTINCT FROM OLD."kind"
  OR NEW."file_name" IS DISTINCT FROM OLD."file_name" OR NEW."mime" IS DISTINCT FROM OLD."mime" OR NEW."size" IS DISTINCT FROM OLD."size")
EXECUTE FUNCTION "gsp_attachments_content_fixed"();
