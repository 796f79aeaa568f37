/**
 * The documents flow's additions to the console (see ./types.ts): 打印 / 下载 PDF on the show pages of the
 * records that have a printed document, and on customers the complete file and the sales record list.
 */
import type { WorkflowExtension } from './types';
import { documentActions } from './documents/DocumentButtons';
import { CustomerFileButton } from './documents/CustomerFileButton';
import { SalesListButton } from './documents/SalesListButton';
import { DeliveryListButton } from '../attachments/DeliveryListButton';

export const documentsWorkflow: WorkflowExtension = {
  showActions: {
    customers: [...documentActions('customer-sheet'), SalesListButton, DeliveryListButton, CustomerFileButton],
    authorizations: documentActions('authorization-letter'),
    contracts: documentActions('contract'),
    sales_orders: documentActions('sales-record'),
    outbound_slips: documentActions('outbound-slip'),
    quality_feedback: documentActions('quality-feedback'),
    recall_notices: documentActions('recall-notice'),
    invoices: documentActions('invoice-goods-list'),
    replies: documentActions('reply-letter'),
  },
};
