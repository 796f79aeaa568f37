/**
 * Endpoints of the fulfilment flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts):
 * an order's chain, the receivables ageing (all customers, one customer), the slips finance may invoice, and
 * issuing an invoice from slips. Each checks its permission itself; a salesperson sees only their own orders.
 */
import type { Context, Hono } from 'hono';
import { can, type Action } from '../../../schema/permissions';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { INVOICE_BODY } from '../../../schema/bodies';
import type { AppEnv } from '../../env';
import { jsonOf, parseBody } from '../body';
import { checkScope } from '../../auth/rbac';
import { badRequest, forbidden, notFound } from '../../errors';
import { findRow } from '../../services/records';
import { nextStepBlocks } from '../../services/workflows/fulfilment/blocks';
import { orderChain } from '../../services/workflows/fulfilment/chain';
import { invoiceableSlips, issueInvoice } from '../../services/workflows/fulfilment/invoice';
import { customerReceivables, receivablesAgeing } from '../../services/workflows/fulfilment/receivables';

type C = Context<AppEnv>;

function allow(c: C, grants: [string, Action][]) {
  const user = c.get('user')!;
  if (!grants.every(([res, action]) => can(user.roles, res, action))) throw forbidden(msg(c.get('lang'), 'forbidden'));
}

async function record(c: C, resource: string, param: string) {
  const id = Number(c.req.param(param));
  if (!Number.isInteger(id) || id <= 0) throw badRequest(msg(c.get('lang'), 'invalid_query', { param }));
  const row = await findRow(c.get('deps').db, registry.get(resource)!, id);
  if (!row || row.voided_at) throw notFound(msg(c.get('lang'), 'not_found', { resource, id }));
  return row;
}

/** ?as_of=YYYY-MM-DD, else today */
function asOf(c: C): string {
  const v = c.req.query('as_of');
  if (v === undefined || v === '') return c.get('deps').clock.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(msg(c.get('lang'), 'invalid_query', { param: 'as_of' }));
  return v;
}

export function fulfilmentRoutes(app: Hono<AppEnv>): void {
  app.get('/fulfilment/orders/:id/chain', async (c) => {
    allow(c, [['sales_orders', 'show']]);
    const order = await record(c, 'sales_orders', 'id');
    await checkScope(c.get('deps').db, c.get('user')!, registry.get('sales_orders')!, order, c.get('lang'), 'show');
    const { db, clock } = c.get('deps');
    const chain = await orderChain(db, order, clock.today());
    return c.json({
      ...chain,
      blocks: await nextStepBlocks({ db, clock, actor: c.get('user')!, lang: c.get('lang') }, order, chain.steps[chain.current]?.key),
    });
  });

  app.get('/fulfilment/receivables', async (c) => {
    allow(c, [
      ['invoices', 'list'],
      ['payments', 'list'],
      ['customers', 'list'],
    ]);
    return c.json(await receivablesAgeing(c.get('deps').db, asOf(c)));
  });

  app.get('/fulfilment/receivables/:customer', async (c) => {
    allow(c, [
      ['invoices', 'list'],
      ['payments', 'list'],
      ['customers', 'show'],
    ]);
    const customer = await record(c, 'customers', 'customer');
    return c.json({ name: customer.name, ...(await customerReceivables(c.get('deps').db, asOf(c), customer.id)) });
  });

  app.get('/fulfilment/invoiceable-slips', async (c) => {
    allow(c, [
      ['invoices', 'create'],
      ['invoice_slips', 'create'],
    ]);
    const customer = c.req.query('customer');
    return c.json(await invoiceableSlips(c.get('deps').db, customer ? Number(customer) : undefined));
  });

  app.post('/fulfilment/invoices', async (c) => {
    allow(c, [
      ['invoices', 'create'],
      ['invoice_slips', 'create'],
      ['invoice_lines', 'create'],
    ]);
    const body = parseBody(INVOICE_BODY, await jsonOf(c.req, c.get('lang')), c.get('lang'));
    const { db, clock } = c.get('deps');
    return c.json(await issueInvoice({ db, clock, actor: c.get('user')!, lang: c.get('lang') }, body), 201);
  });
}
