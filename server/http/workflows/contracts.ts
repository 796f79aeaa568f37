/** Read endpoints of the contracts flow beyond CRUD, mounted under /api/workflows: a contract's terms checklist. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { contractChecklist } from '../../services/workflows/contracts/checklist';
import { readShown } from './read';

export function contractsRoutes(app: Hono<AppEnv>): void {
  app.get('/contracts/:id/checklist', async (c) => c.json(await contractChecklist(c.get('deps').db, await readShown(c, 'contracts'))));
}
