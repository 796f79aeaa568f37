/**
 * What the fulfilment endpoints answer (server/http/workflows/fulfilment.ts): an order's chain, the
 * receivables ageing and its buckets, the slips that may be invoiced. The server's functions are typed by
 * these shapes and the web reads them, so the two cannot drift apart.
 */
export type StepKey = 'ordered' | 'confirmed' | 'issued' | 'picked' | 'reviewed' | 'received' | 'invoiced' | 'paid';
export interface ChainStep {
  key: StepKey;
  done: boolean;
  who?: string | null;
  when?: string | null;
  detail?: string | null;
}
export interface Need {
  zh: string;
  en: string;
}
export interface SpecialState {
  special: boolean;
  products?: { id: number; name: string }[];
  docs?: { sale_date: string; complete: boolean; missing: Need[] };
  check?: (Record<string, unknown> & { verified_by: string | null; verified_at: string; complete: boolean; in_time: boolean }) | null;
  first_document?: string | null;
  arrival?: {
    slip: number;
    slip_no: string;
    outbound_date: string;
    reviewed_by: string | null;
    arrival_verified_at: string | null;
    arrival_verified_by: string | null;
  }[];
  cash?: { order: boolean; contract: boolean; payments: { id: number; voucher_no: string | null; amount: number }[] };
}
export interface Chain {
  order: { id: number; order_no: string; status: string; amount: number };
  steps: ChainStep[];
  current: number;
  slips: { id: number; slip_no: string }[];
  invoices: { id: number; invoice_no: string; invoice_date: string; amount: number; type: string }[];
  payments: { id: number; invoice: number; amount: number; paid_at: string; method: string; voucher_no: string | null }[];
  prices: {
    line: number;
    index: number;
    product: string;
    unit_price: number;
    price_min: number | null;
    price_max: number | null;
    approved_by: string | null;
  }[];
  special: SpecialState;
  /** what would refuse the next step (issue, pick, review, invoice) today: the server's own re-check */
  blocks: string[];
}

/** Days past due, bucketed: not yet due, 1–30, 31–60, 61–90, over 90. */
export const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over_90'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Buckets = Record<Bucket, number>;
export interface CustomerAgeing {
  customer: number;
  name: string;
  invoiced: number;
  paid: number;
  outstanding: number;
  unallocated: number;
  open_invoices: number;
  overdue: number;
  oldest_due: string | null;
  buckets: Buckets;
}
export interface Ageing {
  as_of: string;
  default_term_days: number;
  totals: { invoiced: number; paid: number; outstanding: number; overdue: number; buckets: Buckets };
  customers: CustomerAgeing[];
}
export interface AgedInvoice {
  id: number;
  invoice_no: string;
  type: string;
  invoice_date: string;
  amount: number;
  paid: number;
  outstanding: number;
  payment_days: number;
  term_known: boolean;
  due_date: string;
  days_past_due: number;
  bucket: Bucket | null;
}
export interface CustomerReceivables {
  customer: number;
  name: string;
  as_of: string;
  default_term_days: number;
  buckets: Buckets;
  invoiced: number;
  paid: number;
  outstanding: number;
  unallocated: number;
  invoices: AgedInvoice[];
  payments: { id: number; invoice: number | null; amount: number; paid_at: string; method: string; voucher_no: string | null }[];
}
export interface InvoiceableSlip {
  id: number;
  slip_no: string;
  outbound_date: string;
  order: number;
  order_no: string;
  customer: number;
  customer_name: string;
  amount: number;
}
