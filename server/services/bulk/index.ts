/**
 * The write service's bulk part: the two writes of thousands to millions of records at once, in raw SQL
 * because row-by-row through write.ts would take minutes (a 1M-row ledger: ≈ 5M records; measured in
 * bench/README.md) — the sales-ledger merge (ledger-merge.ts) and voiding a whole import (void-import.ts).
 * Same guarantees as write.ts, each kept here in bulk and tested in test/server/bulk/guarantees.test.ts:
 *
 * - Permission matrix, own-record scope, field guards: resolved once per import for the importing user and
 *   applied to every ledger row before it is staged (imports/run/ledger/guard.ts): a row outside the user's
 *   scope, or needing a record kind the user may not create, is refused with its reason; a batch the user
 *   may not qualify is quarantined. Voiding an import is a signed verb with its own roles (schema/workflows).
 * - Lifecycle and legacy: approvals and reviews a ledger records are legacy facts of the old system
 *   (`legacy_facts`, trusted only when the user's roles could grant them), never our signatures; imported
 *   orders are legacy documents, blocked from our workflow steps (server/services/verbs/legacy-guard.ts).
 *   A void is refused while a record of the import was edited since or a live record elsewhere uses one.
 * - Rules and findings: every rule of the live path is evaluated on every row (the same pure rules,
 *   in-memory context: imports/run/ledger/orders.ts); findings land with their record and the finding
 *   context QA filters by. A void voids the findings of the records it voids.
 * - Versions and stamps: a merged record is version 1 with created/updated at/by and `import_id`; a voided
 *   one gets version + 1, updated and voided at/by and the reason — as write.ts stamps a single record.
 * - Audit: one row per bulk write in the same append-only hash chain (writeAudit), naming the import and
 *   what it wrote or voided per table: the chain verifies after any number of them.
 * - Natural keys and references: a staged order number already live refuses the merge (MergeConflict)
 *   unless forced; staged master records whose key a live record has meanwhile are replaced by it;
 *   references point at staged or live records only.
 * - All or nothing, in short transactions: the merge writes in transactions of ≈ 0.3 s of copying (merge-chunks.ts:
 *   another writer waits ≤ 2 s at a time, readers never), its import `running` meanwhile, the import's
 *   records already written read-only (merging-guard.ts). A failure removes what it wrote by import id; a
 *   kill at any point leaves a `running` import that the next opening of the database removes before
 *   anything reads it (merge-recovery.ts; the staging file is thrown away at the next start). A void is one
 *   transaction (SQLite's journal rolls it back).
 */
export { mergeStaging } from './ledger-merge';
export { voidImport } from './void-import';
export { createImportRow, type ImportRowValues } from './import-row';
