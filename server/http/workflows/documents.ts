/** Read endpoints of the documents flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';

export function documentsRoutes(_app: Hono<AppEnv>): void {}
