/** The fulfilment flow's additions to the console (see ./types.ts): the order's chain and 特药核实 tabs, the slip's arrival check, receivables, invoicing. */
import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { WorkflowExtension } from './types';
import { OrderChain } from './fulfilment/OrderChain';
import { SpecialPanel } from './fulfilment/SpecialPanel';
import { CustomerReceivablesTab } from './fulfilment/CustomerReceivables';
import { ReceivablesPage } from './fulfilment/ReceivablesPage';
import { InvoicePage } from './fulfilment/InvoicePage';
import { SlipArrivalButton } from './fulfilment/SlipArrivalButton';

export const fulfilmentWorkflow: WorkflowExtension = {
  showActions: { outbound_slips: [SlipArrivalButton] },
  showTabs: {
    sales_orders: [
      { path: 'chain', label: { zh: '流程进度', en: 'Progress' }, Component: OrderChain },
      { path: 'special', label: { zh: '特药核实', en: 'Special-drug checks' }, Component: SpecialPanel },
    ],
    customers: [{ path: 'receivables', label: { zh: '应收账款', en: 'Receivables' }, Component: CustomerReceivablesTab }],
  },
  pages: [
    {
      key: 'workflows/receivables',
      path: '/workflows/receivables',
      label: { zh: '应收账款账龄', en: 'Receivables ageing' },
      icon: AccountBalanceWalletIcon,
      area: 'fulfilment',
      Page: ReceivablesPage,
    },
    {
      key: 'workflows/invoice',
      path: '/workflows/invoice',
      label: { zh: '开具发票', en: 'Issue invoice' },
      icon: ReceiptLongIcon,
      area: 'fulfilment',
      Page: InvoicePage,
    },
  ],
};
