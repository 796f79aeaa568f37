/**
 * The workflow verb of the import history: voiding a whole sales-ledger import that should not have been
 * made (the wrong file, the wrong year). Records are never erased (GSP): every record the import created is
 * voided with the signed reason, in one transaction (server/services/bulk/void-import.ts).
 */
import type { VerbSpec } from '../verb-spec';

export const IMPORT_VERBS: readonly VerbSpec[] = [
  {
    resource: 'imports',
    verb: 'void-import',
    meaning: 'void_import',
    roles: ['admin', 'qa'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '撤销导入', en: 'Void import' },
    meaningLabel: { zh: '撤销导入', en: 'Import voided' },
    // a master-data import updates existing records: voiding what it created would not undo it
    ready: (r) => r.status === 'done' && r.kind === 'sales-ledger',
    notReady: {
      zh: '只能撤销已完成的销售台账导入（主数据导入会更新已有记录，无法整体撤销）',
      en: 'Only a finished sales-ledger import can be voided (a master-data import updates existing records)',
    },
  },
];
