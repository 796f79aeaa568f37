/**
 * The workflow verbs of one flow — Order → outbound → invoice → payment, and the special-control drug steps
 * (第五篇 4–6, 第二篇 3.9–3.11). The invoice is issued from several slips at once, so it is an endpoint of its
 * own (POST /api/workflows/fulfilment/invoices), not a verb on one record; payments are plain records.
 */
import type { VerbInput, VerbSpec } from '../verb-spec';

type Rec = Record<string, unknown>;

const dateInput = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'date' });
const YES_NO = [
  { id: 'yes', label: { zh: '是', en: 'Yes' } },
  { id: 'no', label: { zh: '否', en: 'No' } },
] as const;
const yesNo = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'select', required: true, options: YES_NO });

/**
 * 第四篇 一.6「一律不得开票销售」, 第二篇 3.4, 3.5: the rules re-checked on the order's lines at every step
 * after confirmation — issue-outbound, pick, review, invoicing — as of the step's date, so a batch blocked,
 * a buyer's approval or licence lapsed, or a cold-chain buyer's storage review missing since the order was
 * confirmed stops the goods and the invoice too, not only a new order.
 */
export const RECHECKED_AT_EVERY_STEP = [
  'BATCH_BLOCKED',
  'BATCH_EXPIRED',
  'PRODUCT_NOT_APPROVED',
  'BUYER_INDIVIDUAL',
  'BUYER_NOT_APPROVED',
  'BUYER_LICENSE_MISSING',
  'BUYER_LICENSE_EXPIRED',
  'BUYER_OUT_OF_SCOPE',
  'BUYER_STORAGE_UNREVIEWED',
] as const;

/**
 * Records of the chain that only its steps make or void: the generic create / edit / delete refuses them
 * (400 naming the step) for every role, admin included — the matrix still says who may run the step.
 * Historical imports (facts of the old system) are not limited.
 */
export const MADE_BY_STEP: Readonly<Record<string, Partial<Record<'create' | 'edit' | 'delete', { zh: string; en: string }>>>> = {
  outbound_slips: { create: { zh: '开具出库单', en: 'Issue outbound slip' }, delete: { zh: '作废出库单', en: 'Void outbound slip' } },
  invoices: { create: { zh: '开具发票', en: 'Issue invoice' }, delete: { zh: '作废/红冲发票', en: 'Void / credit invoice' } },
  invoice_lines: {
    create: { zh: '开具发票', en: 'Issue invoice' },
    edit: { zh: '开具发票', en: 'Issue invoice' },
    delete: { zh: '作废/红冲发票', en: 'Void / credit invoice' },
  },
  invoice_slips: {
    create: { zh: '开具发票', en: 'Issue invoice' },
    edit: { zh: '开具发票', en: 'Issue invoice' },
    delete: { zh: '作废/红冲发票', en: 'Void / credit invoice' },
  },
  payments: { delete: { zh: '作废回款', en: 'Void payment' } },
  special_checks: { create: { zh: '特药销售核实', en: 'Verify special-drug sale' } },
};

const unsigned = { signed: false, commentRequired: false, noSelfApproval: false } as const;
const unwind = { signed: true, commentRequired: true, noSelfApproval: false } as const;
const shipped = (r: Rec) => !!r.reviewed_by;

export const FULFILMENT_VERBS: readonly VerbSpec[] = [
  {
    // The salesperson confirms the order: every GSP rule is checked on its lines again, an error refuses.
    resource: 'sales_orders',
    verb: 'confirm',
    meaning: 'confirm_order',
    roles: ['sales', 'sales_head'],
    ...unsigned,
    label: { zh: '确认订单', en: 'Confirm order' },
    ready: (r) => r.status === 'draft',
  },
  {
    // 第五篇 5.1: the 开票员 of storage & transport prints the outbound slip from the confirmed order.
    resource: 'sales_orders',
    verb: 'issue-outbound',
    meaning: 'issue_outbound',
    roles: ['warehouse'],
    ...unsigned,
    label: { zh: '开具出库单', en: 'Issue outbound slip' },
    inputs: [dateInput('outbound_date', '出库日期（默认今天）', 'Outbound date (default today)')],
    ready: (r) => r.status === 'confirmed',
  },
  {
    // 第二篇 3.9「销售开票前开票人员应索取购销合同，核实采购人员身份证明，核实购买真实性并记录」: the 开票人员
    // (finance, who invoices) makes the verification record (special_checks), e-signed, before slip and invoice.
    resource: 'sales_orders',
    verb: 'verify-special',
    meaning: 'verify_special',
    roles: ['finance'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    inPanel: true,
    label: { zh: '特药销售核实', en: 'Verify special-drug sale' },
    meaningLabel: {
      zh: '特药销售核实（已索取合同、核实采购人员身份及购买真实性）',
      en: 'Special-drug sale verified (contract, purchaser identity, authenticity)',
    },
    inputs: [
      yesNo('contract_obtained', '已索取购销合同', 'Contract obtained'),
      yesNo('identity_verified', '已核实采购人员身份', 'Purchaser identity verified'),
      yesNo('authenticity_verified', '已核实购买真实性', 'Purchase authenticity verified'),
    ],
    ready: (r) => r.status === 'draft' || r.status === 'confirmed',
  },
  {
    // 第五篇 5.2: the 库管员 picks the goods by the slip.
    resource: 'outbound_slips',
    verb: 'pick',
    meaning: 'pick_outbound',
    roles: ['warehouse'],
    ...unsigned,
    label: { zh: '拣货发货', en: 'Pick goods' },
    ready: (r) => !r.picked_by && !r.reviewed_by,
  },
  {
    // 第五篇 5.5: the salesperson confirms receipt with the customer.
    resource: 'outbound_slips',
    verb: 'confirm-receipt',
    meaning: 'confirm_receipt',
    roles: ['sales', 'sales_head'],
    ...unsigned,
    label: { zh: '确认收货', en: 'Confirm receipt' },
    inputs: [dateInput('receipt_confirmed_at', '收货确认日期（默认今天）', 'Receipt date (default today)')],
    ready: (r) => shipped(r) && !r.receipt_confirmed_at,
  },
  {
    // 第二篇 3.11: storage & transport verify the arrival of special-control drugs with the customer.
    resource: 'outbound_slips',
    verb: 'verify-arrival',
    meaning: 'verify_arrival',
    roles: ['warehouse'],
    ...unsigned,
    inPanel: true,
    label: { zh: '特药到货核实', en: 'Verify special-drug arrival' },
    inputs: [dateInput('arrival_verified_at', '到货核实日期（默认今天）', 'Arrival verified on (default today)')],
    ready: (r) => shipped(r) && !r.arrival_verified_at,
  },
  // ── The backwards path (frozen after fulfilment): each step signed, with a reason, refused while the
  // next document downstream is live, and re-checking 票账货相符 (server/services/workflows/fulfilment/unwind.ts).
  {
    resource: 'payments',
    verb: 'void-payment',
    meaning: 'void_payment',
    roles: ['finance'],
    ...unwind,
    label: { zh: '作废回款', en: 'Void payment' },
    meaningLabel: { zh: '回款作废（退回步骤 1/4）', en: 'Payment voided (backwards step 1 of 4)' },
    ready: () => true,
  },
  {
    resource: 'invoices',
    verb: 'void-invoice',
    meaning: 'void_invoice',
    roles: ['finance'],
    ...unwind,
    label: { zh: '作废/红冲发票', en: 'Void / credit invoice' },
    meaningLabel: {
      zh: '发票作废或红字冲销（退回步骤 2/4，须先作废其回款）',
      en: 'Invoice voided or credited (backwards step 2 of 4; its payments voided first)',
    },
    inputs: [
      {
        key: 'mode',
        label: { zh: '方式', en: 'How' },
        kind: 'select',
        required: true,
        options: [
          { id: 'void', label: { zh: '作废（当月）', en: 'Void (same month)' } },
          { id: 'red_letter', label: { zh: '红字冲销', en: 'Red-letter credit' } },
        ],
      },
    ],
    ready: () => true,
  },
  {
    // 第五篇 5: storage & transport issued the slip; they void it (goods not shipped, or back in stock).
    resource: 'outbound_slips',
    verb: 'void-slip',
    meaning: 'void_outbound',
    roles: ['warehouse'],
    ...unwind,
    label: { zh: '作废出库单', en: 'Void outbound slip' },
    meaningLabel: {
      zh: '出库单作废（退回步骤 3/4，须先作废其发票；订单回到已确认）',
      en: 'Outbound slip voided (backwards step 3 of 4; its invoice voided first; the order returns to confirmed)',
    },
    ready: () => true,
  },
  {
    resource: 'sales_orders',
    verb: 'void-order',
    meaning: 'void_order',
    roles: ['sales', 'sales_head'],
    ...unwind,
    label: { zh: '作废订单', en: 'Void order' },
    meaningLabel: { zh: '销售订单作废（退回步骤 4/4，须先作废其出库单）', en: 'Sales order voided (backwards step 4 of 4; its slips voided first)' },
    ready: () => true,
  },
];
