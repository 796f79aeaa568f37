/** One demo user per role (the admin exists already), each with its own random password. */
import { ROLE } from '../../schema/enums';
import { randomPassword, type Credential } from '../bootstrap';
import { STAFF } from './names';
import type { Actor } from '../services/context';
import type { SalespersonSeed } from './parties';
import type { Writer } from './writer';

const DEMO_USERS: Record<string, { username: string; display_name: string }> = {
  sales: { username: 'sales1', display_name: '' }, // the first salesperson's name
  sales_head: { username: 'saleshead1', display_name: STAFF.salesHead },
  sales_vp: { username: 'salesvp1', display_name: STAFF.salesVp },
  gm: { username: 'gm1', display_name: STAFF.gm },
  qa: { username: 'qa1', display_name: STAFF.qa[0] },
  warehouse: { username: 'warehouse1', display_name: STAFF.pickers[0] },
  reviewer: { username: 'reviewer1', display_name: STAFF.reviewers[0] },
  finance: { username: 'finance1', display_name: STAFF.finance },
  after_sales: { username: 'aftersales1', display_name: STAFF.afterSales[0] },
  office: { username: 'office1', display_name: STAFF.office },
  auditor: { username: 'auditor1', display_name: STAFF.auditor },
};

export async function seedUsers(w: Writer, salesperson: SalespersonSeed): Promise<{ creds: Credential[]; actors: Record<string, Actor> }> {
  const roles = ROLE.values.filter((r) => r !== 'admin');
  const creds: Credential[] = [];
  const actors: Record<string, Actor> = {};
  await w.tx(async () => {
    for (const role of roles) {
      const u = DEMO_USERS[role];
      if (!u) throw new Error(`demo seed: no demo user for role ${role}`);
      const password = randomPassword();
      const row = await w.create('users', {
        username: u.username,
        display_name: u.display_name || salesperson.name,
        roles: [role],
        password,
        active: true,
        salesperson: role === 'sales' ? salesperson.id : null,
      });
      actors[role] = {
        id: row.id,
        username: u.username,
        display_name: row.display_name as string,
        roles: [role],
        salesperson: row.salesperson as number | null,
      };
      creds.push({ username: u.username, password, role });
    }
  });
  return { creds, actors };
}
