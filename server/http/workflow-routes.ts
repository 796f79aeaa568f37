/**
 * The workflows' own read endpoints (/api/workflows/...): approval checklists, the customers a recall
 * reaches, receivables ageing, the visit plan, printable documents. Each flow registers its routes in its
 * own file; every route checks its permission itself (the matrix in schema/permissions.ts).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { firstBusinessRoutes } from './workflows/first-business';
import { contractsRoutes } from './workflows/contracts';
import { fulfilmentRoutes } from './workflows/fulfilment';
import { recallRoutes } from './workflows/recall';
import { aftersalesRoutes } from './workflows/aftersales';
import { documentsRoutes } from './workflows/documents';
import { afterSalesRecordRoutes } from './workflows/after-sales-records';

export function workflowRoutes() {
  const app = new Hono<AppEnv>();
  for (const register of [firstBusinessRoutes, contractsRoutes, fulfilmentRoutes, recallRoutes, aftersalesRoutes, documentsRoutes, afterSalesRecordRoutes])
    register(app);
  return app;
}
