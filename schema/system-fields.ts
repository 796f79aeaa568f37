/**
 * The bookkeeping columns every registry table carries besides its own fields (schema/define.ts adds
 * them): identity and version, who and when created, changed and voided it, the import that wrote it and
 * the legacy system's facts about it. Shared by the server (list filters and sorts) and the web (columns,
 * labels, the change history).
 */
export const SYSTEM_FIELDS = [
  'id',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'voided_at',
  'voided_by',
  'void_reason',
  'import_id',
  'legacy_facts',
] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

export const isSystemField = (key: string): key is SystemField => (SYSTEM_FIELDS as readonly string[]).includes(key);
