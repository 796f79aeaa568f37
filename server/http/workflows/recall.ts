/** Read endpoints of the recall flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';

export function recallRoutes(_app: Hono<AppEnv>): void {}
