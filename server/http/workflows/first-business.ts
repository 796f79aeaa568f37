/** Read endpoints of the first-business flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';

export function firstBusinessRoutes(_app: Hono<AppEnv>): void {}
