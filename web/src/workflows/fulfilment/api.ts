/** The fulfilment endpoints (server/http/workflows/fulfilment.ts) and the shapes they return. */
import { API_URL, httpClient } from '../../providers/http-client';

const base = `${API_URL}/workflows/fulfilment`;

export { BUCKETS } from '../../../../schema/workflows/fulfilment-views';
export type { Ageing, Bucket, Chain, CustomerReceivables, InvoiceableSlip, StepKey } from '../../../../schema/workflows/fulfilment-views';
import type { Ageing, Chain, CustomerReceivables, InvoiceableSlip } from '../../../../schema/workflows/fulfilment-views';

const get = <T>(url: string) => httpClient(url).then(({ json }) => json as T);
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
