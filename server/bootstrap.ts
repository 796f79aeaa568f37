/** First start on an empty database: the admin user (and, unless GSP_DEMO=0, the demo data and users). */
import { randomBytes } from 'node:crypto';
import { users } from '../schema/tables';
import { registry } from '../schema/resources';
import type { Clock } from './clock';
import type { Db } from './db';
import { SYSTEM_ACTOR, type ServiceContext } from './services/context';
import { ensureSettings } from './services/settings-defaults';
import { createRecord, updateRecord } from './services/write';
import './services/write-hooks'; // registers the workflows' write hooks (services/hooks.ts)
import { msg } from '../schema/messages';
import { count, eq } from 'drizzle-orm';

export interface Credential {
  username: string;
  password: string;
  role: string;
}

/** Random passwords only: there is no fixed default password anywhere. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function isEmpty(db: Db): Promise<boolean> {
  return ((await db.select({ n: count() }).from(users).get()) as { n: number }).n === 0;
}

export async function createAdmin(db: Db, clock: Clock, password: string): Promise<Credential> {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  await createRecord(
    ctx,
    registry.get('users')!,
    { username: 'admin', display_name: '系统管理员', roles: ['admin'], password, active: true },
    { reason: '系统初始化' },
  );
  await ensureSettings(ctx);
  return { username: 'admin', password, role: 'admin' };
}

/**
 * The first start's generated passwords are printed and written to first-login.txt: each account must
 * replace its password at its first sign-in (through the write service, audited). Only main.ts's first start
 * does this; tests that build a database with createAdmin / seedDemo sign in with theirs as they are.
 */
export async function requireFirstLoginChange(db: Db, clock: Clock, creds: Credential[]): Promise<void> {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  for (const c of creds) {
    const row = await db.select({ id: users.id }).from(users).where(eq(users.username, c.username)).get();
    if (row) await updateRecord(ctx, registry.get('users')!, row.id, { must_change_password: true }, { reason: msg('zh', 'first_login_password_reason') });
  }
}
