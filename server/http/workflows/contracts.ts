/** Read endpoints of the contracts flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';

export function contractsRoutes(_app: Hono<AppEnv>): void {}
