/** The fulfilment endpoints (server/http/workflows/fulfilment.ts) and the shapes they return. */
import { API_URL, httpClient } from '../../providers/http-client';

const base = `${API_URL}/workflows/fulfilment`;

export interface ChainStep { key: StepKey; done: boolean; who?: string | null; when?: string | null; detail?: string | null }
export type StepKey = 'ordered' | 'confirmed' | 'issued' | 'picked' | 'reviewed' | 'received' | 'invoiced' | 'paid';
export interface Need { zh: string; en: string }
export interface SpecialState {
  special: boolean;
  products?: { id: number; name: string }[];
  docs?: { sale_date: string; complete: boolean; missing: Need[] };
  check?: (Record<string, unknown> & { verified_by: string | null; verified_at: string; complete: boolean; in_time: boolean }) | null;
  first_document?: string | null;
  arrival?: { slip: number; slip_no: string; outbound_date: string; reviewed_by: string | null; arrival_verified_at: string | null; arrival_verified_by: string | null }[];
  cash?: { order: boolean; contract: boolean; payments: { id: number; voucher_no: string | null; amount: number }[] };
}
export interface Chain {
  order: { id: number; order_no: string; status: string; amount: number };
  steps: ChainStep[];
  current: number;
  slips: { id: number; slip_no: string }[];
  invoices: { id: number; invoice_no: string; invoice_date: string; amount: number; type: string }[];
  payments: { id: number; invoice: number; amount: number; paid_at: string; method: string; voucher_no: string | null }[];
  prices: { line: number; index: number; product: string; unit_price: number; price_min: number | null; price_max: number | null; approved_by: string | null }[];
  special: SpecialState;
  /** what would refuse the next step (issue, pick, review, invoice) today: the server's own re-check */
  blocks: string[];
}

export const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'over_90'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Buckets = Record<Bucket, number>;
export interface CustomerAgeing {
  customer: number; name: string; invoiced: number; paid: number; outstanding: number; unallocated: number;
  open_invoices: number; overdue: number; oldest_due: string | null; buckets: Buckets;
}
export interface Ageing { as_of: string; default_term_days: number; totals: { invoiced: number; paid: number; outstanding: number; overdue: number; buckets: Buckets }; customers: CustomerAgeing[] }
export interface AgedInvoice {
  id: number; invoice_no: string; type: string; invoice_date: string; amount: number; paid: number; outstanding: number;
  payment_days: number; term_known: boolean; due_date: string; days_past_due: number; bucket: Bucket | null;
}
export interface CustomerReceivables {
  name: string; as_of: string; default_term_days: number; buckets: Buckets; invoiced: number; paid: number; outstanding: number; unallocated: number;
  invoices: AgedInvoice[]; payments: { id: number; invoice: number | null; amount: number; paid_at: string; method: string; voucher_no: string | null }[];
}
export interface InvoiceableSlip { id: number; slip_no: string; outbound_date: string; order: number; order_no: string; customer: number; customer_name: string; amount: number }

const get = <T,>(url: string) => httpClient(url).then(({ json }) => json as T);
const q = (asOf?: string) => (asOf ? `?as_of=${encodeURIComponent(asOf)}` : '');

export const getChain = (order: number | string) => get<Chain>(`${base}/orders/${encodeURIComponent(String(order))}/chain`);
export const getAgeing = (asOf?: string) => get<Ageing>(`${base}/receivables${q(asOf)}`);
export const getCustomerReceivables = (customer: number | string, asOf?: string) =>
  get<CustomerReceivables>(`${base}/receivables/${encodeURIComponent(String(customer))}${q(asOf)}`);
export const getInvoiceableSlips = (customer?: number | string) =>
  get<InvoiceableSlip[]>(`${base}/invoiceable-slips${customer ? `?customer=${encodeURIComponent(String(customer))}` : ''}`);
export const issueInvoice = (body: { slips: number[]; invoice_no: string; type: string; invoice_date?: string; form: 'itemised' | 'list_attached' }) =>
  httpClient(`${base}/invoices`, { method: 'POST', body: JSON.stringify(body) }).then(({ json }) => json as { id: number; invoice_no: string; amount: number });

export const money = (n: number | null | undefined) => (n == null ? '' : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
