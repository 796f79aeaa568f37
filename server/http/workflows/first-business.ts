/**
 * Read endpoints of the first-business flow beyond CRUD, mounted under /api/workflows: the 首营 checklist of a
 * customer or product, and (the salesperson-authorisation flow) a salesperson's qualifications.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { firstBusinessChecklist, type FirstBusinessResource } from '../../services/workflows/first-business/checklist';
import { salespersonQualification } from '../../services/workflows/authorisation/qualification';
import { readShown } from './read';

export function firstBusinessRoutes(app: Hono<AppEnv>): void {
  for (const resource of ['customers', 'products'] as FirstBusinessResource[]) {
    app.get(`/first-business/${resource}/:id`, async (c) => {
      const row = await readShown(c, resource);
      const { db, clock } = c.get('deps');
      return c.json(await firstBusinessChecklist(db, clock.today(), resource, row));
    });
  }
  app.get('/authorisation/salespeople/:id', async (c) => {
    const row = await readShown(c, 'salespeople');
    const { db, clock } = c.get('deps');
    return c.json(await salespersonQualification(db, clock.today(), row));
  });
}
