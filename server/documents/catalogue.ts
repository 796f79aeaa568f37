/** Every printable document by its URL key (GET /api/workflows/documents/<key>/<id>). */
import { authorizationLetter } from './templates/authorization-letter';
import { contractSheet } from './templates/contract-sheet';
import { customerSheet } from './templates/customer-sheet';
import { documentDeliveryList } from './templates/document-deliveries';
import { outboundSlip } from './templates/outbound-slip';
import { qualityFeedback } from './templates/quality-feedback';
import { recallNotice } from './templates/recall-notice';
import { customerSalesRecord, salesOrderRecord } from './templates/sales-record';
import { invoiceGoodsList } from './templates/invoice-goods-list';
import { replyLetter } from './templates/reply-letter';
import type { DocumentTemplate } from './types';

export const DOCUMENTS: readonly DocumentTemplate[] = [
  customerSheet,
  authorizationLetter,
  salesOrderRecord,
  customerSalesRecord,
  outboundSlip,
  qualityFeedback,
  recallNotice,
  contractSheet,
  documentDeliveryList,
  invoiceGoodsList,
  replyLetter,
];
export const documentByKey = new Map(DOCUMENTS.map((d) => [d.key, d]));
