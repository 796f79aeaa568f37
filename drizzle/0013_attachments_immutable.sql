-- Custom (hand-written): a stored scan's row is never deleted and what it points at never changes — the hash,
-- the record it belongs to, its kind, name, type and size. Only its supersession (and the version stamps) may
-- be written, by the attachment service when a newer scan replaces it.
CREATE TRIGGER `attachments_no_delete` BEFORE DELETE ON `attachments`
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `attachments_content_fixed` BEFORE UPDATE OF `sha256`, `resource`, `record_id`, `kind`, `file_name`, `mime`, `size` ON `attachments`
WHEN NEW.sha256 IS NOT OLD.sha256 OR NEW.resource IS NOT OLD.resource OR NEW.record_id IS NOT OLD.record_id OR NEW.kind IS NOT OLD.kind
  OR NEW.file_name IS NOT OLD.file_name OR NEW.mime IS NOT OLD.mime OR NEW.size IS NOT OLD.size
BEGIN SELECT RAISE(ABORT, 'a stored attachment is never rewritten: upload a replacement'); END;
