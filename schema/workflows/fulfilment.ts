/**
 * The workflow verbs of one flow — Order → outbound → invoice → payment, and the special-control drug steps
 * (第五篇 4–6, 第二篇 3.9–3.11). The invoice is issued from several slips at once, so it is an endpoint of its
 * own (POST /api/workflows/fulfilment/invoices), not a verb on one record; payments are plain records.
 */
import type { VerbInput, VerbSpec } from '../verbs';

type Rec = Record<string, unknown>;

const dateInput = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'date' });
const YES_NO = [{ id: 'yes', label: { zh: '是', en: 'Yes' } }, { id: 'no', label: { zh: '否', en: 'No' } }] as const;
const yesNo = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'select', required: true, options: YES_NO });

const unsigned = { signed: false, commentRequired: false, noSelfApproval: false } as const;
const shipped = (r: Rec) => !!r.reviewed_by;

export const FULFILMENT_VERBS: readonly VerbSpec[] = [
  {
    // The salesperson confirms the order: every GSP rule is checked on its lines again, an error refuses.
    resource: 'sales_orders', verb: 'confirm', meaning: 'confirm_order', roles: ['sales', 'sales_head'], ...unsigned,
    label: { zh: '确认订单', en: 'Confirm order' }, ready: (r) => r.status === 'draft',
  },
  {
    // 第五篇 5.1: the 开票员 of storage & transport prints the outbound slip from the confirmed order.
    resource: 'sales_orders', verb: 'issue-outbound', meaning: 'issue_outbound', roles: ['warehouse'], ...unsigned,
    label: { zh: '开具出库单', en: 'Issue outbound slip' }, inputs: [dateInput('outbound_date', '出库日期（默认今天）', 'Outbound date (default today)')],
    ready: (r) => r.status === 'confirmed',
  },
  {
    // 第二篇 3.9: before invoicing a special-control drug the contract is obtained, the purchaser's identity and
    // the purchase's authenticity checked — the verification record (special_checks), e-signed by the verifier.
    resource: 'sales_orders', verb: 'verify-special', meaning: 'verify_special', roles: ['sales', 'sales_head'],
    signed: true, commentRequired: false, noSelfApproval: false, inPanel: true,
    label: { zh: '特药销售核实', en: 'Verify special-drug sale' },
    meaningLabel: { zh: '特药销售核实（已索取合同、核实采购人员身份及购买真实性）', en: 'Special-drug sale verified (contract, purchaser identity, authenticity)' },
    inputs: [
      yesNo('contract_obtained', '已索取购销合同', 'Contract obtained'),
      yesNo('identity_verified', '已核实采购人员身份', 'Purchaser identity verified'),
      yesNo('authenticity_verified', '已核实购买真实性', 'Purchase authenticity verified'),
    ],
    ready: (r) => r.status === 'draft' || r.status === 'confirmed',
  },
  {
    // 第五篇 5.2: the 库管员 picks the goods by the slip.
    resource: 'outbound_slips', verb: 'pick', meaning: 'pick_outbound', roles: ['warehouse'], ...unsigned,
    label: { zh: '拣货发货', en: 'Pick goods' }, ready: (r) => !r.picked_by && !r.reviewed_by,
  },
  {
    // 第五篇 5.5: the salesperson confirms receipt with the customer.
    resource: 'outbound_slips', verb: 'confirm-receipt', meaning: 'confirm_receipt', roles: ['sales', 'sales_head'], ...unsigned,
    label: { zh: '确认收货', en: 'Confirm receipt' }, inputs: [dateInput('receipt_confirmed_at', '收货确认日期（默认今天）', 'Receipt date (default today)')],
    ready: (r) => shipped(r) && !r.receipt_confirmed_at,
  },
  {
    // 第二篇 3.11: storage & transport verify the arrival of special-control drugs with the customer.
    resource: 'outbound_slips', verb: 'verify-arrival', meaning: 'verify_arrival', roles: ['warehouse'], ...unsigned, inPanel: true,
    label: { zh: '特药到货核实', en: 'Verify special-drug arrival' },
    inputs: [dateInput('arrival_verified_at', '到货核实日期（默认今天）', 'Arrival verified on (default today)')],
    ready: (r) => shipped(r) && !r.arrival_verified_at,
  },
];
