import { beforeAll, describe, expect, it } from 'vitest';
import { buildMeta } from '../../schema/meta';
import { registry } from '../../schema/resources';
import { setMeta } from '../../web/src/meta/meta-store';
import { toPayload } from '../../web/src/generic/payload';
import { normaliseError } from '../../web/src/providers/http-client';
import { HttpError } from 'ra-core';

beforeAll(() => {
  setMeta(buildMeta(registry));
});

describe('write payloads', () => {
  it('send writable fields plus version on update, never bookkeeping or server-filled fields', () => {
    const record = { id: 5, version: 3, created_at: 'x', updated_by: 1, voided_at: null, name: '甲', region: '', unknown: 1 };
    expect(toPayload('customers', record, 'update')).toEqual({ version: 3, name: '甲', region: null });
    expect(toPayload('customers', record, 'create')).toEqual({ name: '甲', region: null });
  });

  it('never send step-owned fields (their workflow step writes them), but an order status between draft and confirmed', () => {
    const customer = { id: 5, version: 3, name: '甲', qa_status: 'approved', qa_approved_by: '吴静', credit_reviewed_at: '2025-01-01' };
    expect(toPayload('customers', customer, 'update')).toEqual({ version: 3, name: '甲' });
    const order = { order_no: 'XS1', status: 'confirmed', sales_lines: [{ product: 2, quantity: 1, price_approved_by: '刘经理' }] };
    expect(toPayload('sales_orders', order, 'create')).toEqual({ order_no: 'XS1', status: 'confirmed', sales_lines: [{ product: 2, quantity: 1 }] });
  });

  it('clean embedded order lines the same way and keep their id and version', () => {
    const order = {
      id: 1,
      version: 2,
      order_no: 'XS1',
      customer: 1,
      sales_lines: [
        { id: 7, version: 1, order: 1, sale_date: '2024-01-01', customer: 1, product: 2, batch: 3, quantity: 1, unit_price: 2, amount: 2 },
        { product: 2, batch: 4, quantity: 2, unit_price: 2, amount: 4 },
      ],
    };
    expect(toPayload('sales_orders', order, 'update')).toEqual({
      version: 2,
      order_no: 'XS1',
      customer: 1,
      sales_lines: [
        { id: 7, version: 1, product: 2, batch: 3, quantity: 1, unit_price: 2, amount: 2 },
        { product: 2, batch: 4, quantity: 2, unit_price: 2, amount: 4 },
      ],
    });
  });

  it("never send non-inline children (a customer's licences have their own endpoint)", () => {
    expect(toPayload('customers', { version: 1, name: '甲', customer_licenses: [{ number: 'x' }] }, 'update')).toEqual({ version: 1, name: '甲' });
  });

  it('leave an empty password out (unchanged) but send a new one', () => {
    expect(toPayload('users', { version: 1, username: 'a', password: '' }, 'update')).toEqual({ version: 1, username: 'a' });
    expect(toPayload('users', { username: 'a', password: 'secret-123' }, 'create')).toEqual({ username: 'a', password: 'secret-123' });
  });
});

describe('HTTP errors', () => {
  it('turn a 409 into the translated conflict message', () => {
    const error = normaliseError(new HttpError('version mismatch', 409, { message: 'version mismatch' })) as HttpError;
    expect(error.message).toBe('gsp.error.conflict');
    expect(error.status).toBe(409);
  });

  it('give field errors a root message so the form notification repeats the server', () => {
    const error = normaliseError(new HttpError('数据有误', 400, { message: '数据有误', errors: { name: '必填' } })) as HttpError;
    expect(error.body.errors).toEqual({ name: '必填', root: { serverError: '数据有误' } });
  });
});
