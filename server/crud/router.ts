/** ONE router for every registry resource, speaking react-admin's simple-rest dialect. */
import { Hono } from 'hono';
import { and } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import type { Db } from '../db';
import { msg } from '../../schema/messages';
import { registry } from '../../schema/resources';
import type { AppEnv } from '../env';
import { badRequest, notFound, ServiceError } from '../errors';
import { inTransaction, type ServiceContext } from '../services/context';
import { readRecord, serialize } from '../services/records';
import { createRecord, updateRecord, voidRecord } from '../services/write';
import { runVerb, runVerbMany } from '../services/verbs/run';
import { signaturesOf } from '../services/sign';
import { findRow, type Row } from '../services/records';
import { countRows, pageRows, parseListParams } from './list-query';
import { exportCsv } from './export-csv';
import { authorize, checkScope, scopeCondition } from '../auth/rbac';
import type { Context } from 'hono';
import { reasonHeader } from '../http/input';
import { jsonOf, parseBody } from '../http/body';
import { bulkVerbBody, verbBody } from '../../schema/bodies';
import { findVerbSpec } from '../../schema/verbs';

type C = Context<AppEnv>;

function resourceOf(c: C): Resource {
  const resource = registry.get(c.req.param('res')!);
  if (!resource) throw notFound(msg(c.get('lang'), 'unknown_resource', { resource: c.req.param('res')! }));
  return resource;
}

function writable(c: C): Resource {
  const resource = resourceOf(c);
  if (resource.readOnly) throw new ServiceError(403, msg(c.get('lang'), 'read_only_resource', { resource: resource.name }));
  return resource;
}

function idOf(c: C): number {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw notFound(msg(c.get('lang'), 'not_found', { resource: c.req.param('res')!, id: c.req.param('id')! }));
  return id;
}

function serviceContext(c: C): ServiceContext {
  const { db, clock } = c.get('deps');
  return { db, clock, actor: c.get('user')!, lang: c.get('lang') };
}

async function jsonBody(c: C): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {
    /* fall through */
  }
  throw badRequest(msg(c.get('lang'), 'invalid_json'));
}

/** A change reason may come as ?reason=, a JSON `reason`/`_reason`, or an X-Reason header (URI-encoded). */
function reasonOf(c: C, body: Record<string, unknown>, key: 'reason' | '_reason'): string | undefined {
  const fromBody = body[key];
  return c.req.query('reason') ?? (typeof fromBody === 'string' ? fromBody : undefined) ?? reasonHeader(c);
}

/** A record the signed-in user may see (authorised, found, in their scope), read with `read`. */
async function shownRecord(c: C, read: (db: Db, resource: Resource, id: number) => Row | undefined | Promise<Row | undefined>) {
  const resource = resourceOf(c);
  const { db } = c.get('deps');
  authorize(c.get('user')!, resource, 'show', c.get('lang'));
  const row = await read(db, resource, idOf(c));
  if (!row) throw notFound(msg(c.get('lang'), 'not_found', { resource: resource.name, id: c.req.param('id')! }));
  await checkScope(db, c.get('user')!, resource, row, c.get('lang'), 'show');
  return { resource, row };
}

export function crudRouter() {
  const app = new Hono<AppEnv>();

  app.get('/:res', async (c) => {
    const resource = resourceOf(c);
    const { db } = c.get('deps');
    authorize(c.get('user')!, resource, 'list', c.get('lang'));
    const p = await parseListParams(db, resource, c.req.query(), c.get('lang'));
    const scope = scopeCondition(db, c.get('user')!, resource);
    const where = and(p.where, scope);
    // Counted first: a page past the middle is read from the end (pageRows).
    const total = await countRows(db, resource, where, p.liveOnly && !scope);
    const rows = (await pageRows(db, resource, where, p, total)).map((r) => serialize(resource, r, c.get('lang')));
    const end = rows.length ? p.start + rows.length - 1 : p.start;
    c.header('Content-Range', `${resource.name} ${p.start}-${end}/${total}`);
    return c.json(rows);
  });

  // Before /:res/:id: the whole list as CSV, streamed (the list itself answers at most MAX_PAGE_ROWS rows).
  app.get('/:res/export.csv', (c) => exportCsv(c, resourceOf(c)));

  app.get('/:res/:id', async (c) => {
    const { row } = await shownRecord(c, (db, r, id) => readRecord(db, r, id, c.get('lang')));
    return c.json(row);
  });

  app.get('/:res/:id/signatures', async (c) => {
    const { resource, row } = await shownRecord(c, findRow);
    return c.json(await signaturesOf(c.get('deps').db, resource, row));
  });

  // Bulk workflow verbs: POST /api/findings/bulk/waive {ids, password, comment}
  app.post('/:res/bulk/:verb', async (c) => {
    const { res, verb } = c.req.param();
    const body = parseBody(bulkVerbBody(findVerbSpec(res, verb)), await jsonOf(c.req, c.get('lang')), c.get('lang'));
    return c.json(await runVerbMany(serviceContext(c), res, body.ids, verb, body));
  });

  // Workflow verbs (signed approvals): POST /api/contracts/7/approve {password, comment}
  app.post('/:res/:id/:verb', async (c) => {
    const { res, verb } = c.req.param();
    const body = parseBody(verbBody(findVerbSpec(res, verb)), await jsonOf(c.req, c.get('lang')), c.get('lang'));
    return c.json(await runVerb(serviceContext(c), res, idOf(c), verb, body));
  });

  app.post('/:res', async (c) => {
    const resource = writable(c);
    const body = await jsonBody(c);
    return c.json(await createRecord(serviceContext(c), resource, body, { reason: reasonOf(c, body, '_reason') }), 201);
  });

  // The bulk-edit route (react-admin's updateMany): PUT /api/customers/bulk {ids, data, _reason?} sets the same
  // values on every record, all or none, without versions: it is the one edit that does not say which version
  // it read, so it cannot detect a concurrent change (the single-record PUT below must: 428 without).
  app.put('/:res/bulk', async (c) => {
    const resource = writable(c);
    const body = await jsonBody(c);
    const ids = Array.isArray(body.ids) ? body.ids.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
    const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as Record<string, unknown>) : null;
    if (!ids.length) throw badRequest(msg(c.get('lang'), 'invalid_query', { param: 'ids' }));
    if (!data) throw badRequest(msg(c.get('lang'), 'invalid_query', { param: 'data' }));
    const ctx = serviceContext(c);
    const reason = reasonOf(c, body, '_reason');
    const { version: _ignored, ...values } = data;
    const rows = await inTransaction(ctx, async (tx) => {
      const out: Row[] = [];
      for (const id of ids) out.push(await updateRecord(tx, resource, id, values, { reason }));
      return out;
    });
    return c.json(rows.map((r) => r.id));
  });

  app.put('/:res/:id', async (c) => {
    const resource = writable(c);
    const body = await jsonBody(c);
    return c.json(await updateRecord(serviceContext(c), resource, idOf(c), body, { reason: reasonOf(c, body, '_reason'), requireVersion: true }));
  });

  app.delete('/:res/:id', async (c) => {
    const resource = writable(c);
    const body = await jsonBody(c);
    return c.json(await voidRecord(serviceContext(c), resource, idOf(c), reasonOf(c, body, 'reason')));
  });

  return app;
}
