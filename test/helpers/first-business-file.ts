/**
 * A customer whose first-business file is complete (licences of its type, agents with a valid power of
 * attorney, credit reviewed with a limit), so QA's approval is not refused by the 首营 checklist. For tests
 * about the approval itself (signatures, permissions), not about the checklist.
 */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid unified social credit code (GB 32100 check character) built from a number. */
export function creditCode(n: number): string {
  const body = `91420100MA${String(n).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]) * CREDIT_WEIGHTS[i];
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

type Create = (resource: string, body: Record<string, unknown>) => Promise<{ id: number }>;
/** Runs the signed credit-review step on the customer (as finance, sales or the head of sales). */
type CreditReview = (customer: number, input: { payment_rating: string }) => Promise<unknown>;
/** Uploads a scan of `kind` to the record (test/helpers/attachments.ts attachAs). */
type Attach = (resource: string, id: number, kind: string) => Promise<unknown>;

/**
 * Creates the customer (as whoever `create` signs in as: admin may set the credit limit) and its documents;
 * the credit review is its own signed step (step-owned fields, schema/lifecycle.ts), run by `creditReview`;
 * `attach` uploads the scans the 首营 checklist requires (each licence's, the purchaser's power of attorney
 * and ID copy) — without it the approval is refused for the missing scans.
 */
export async function createApprovableCustomer(
  create: Create,
  name: string,
  n: number,
  extra: Record<string, unknown> = {},
  creditReview?: CreditReview,
  attach?: Attach,
): Promise<number> {
  const code = creditCode(n);
  const { id } = await create('customers', {
    name,
    type: 'retailer',
    region: '湖北省武汉市',
    address: '湖北省武汉市江岸区中山大道 1 号',
    contact_name: '刘洋',
    contact_phone: '027-82345678',
    legal_rep: '刘强',
    credit_code: code,
    credit_limit: 100000,
    ...extra,
  });
  if (creditReview) await creditReview(id, { payment_rating: '良好' });
  const business = await create('customer_licenses', { customer: id, kind: 'business', number: code, valid_from: '2020-01-01', valid_to: '2040-12-31' });
  const drug = await create('customer_licenses', {
    customer: id,
    kind: 'drug_business',
    number: `鄂AB${String(n).padStart(7, '0')}`,
    scope: ['中成药', '化学药制剂'],
    valid_from: '2021-01-01',
    valid_to: '2030-12-31',
  });
  await create('customer_agents', { customer: id, name: '刘强', role: 'legal_rep', phone: '13900001111' });
  await create('customer_agents', { customer: id, name: '陈静', role: 'responsible', phone: '13900002222' });
  const purchaser = await create('customer_agents', {
    customer: id,
    name: '王磊',
    role: 'purchaser',
    phone: '13900003333',
    attorney_valid_to: '2030-12-31',
    id_copy: true,
  });
  if (attach) {
    for (const l of [business, drug]) await attach('customer_licenses', l.id, 'licence_scan');
    for (const kind of ['attorney', 'id_copy']) await attach('customer_agents', purchaser.id, kind);
  }
  return id;
}
