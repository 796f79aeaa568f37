/**
 * The write service's hooks are registered by the composition (server/services/write-hooks.ts), not imported
 * by write.ts (that was an import cycle): a write before the registration must fail loudly, never run
 * without the workflows' guards. This file imports nothing that registers them until the second test.
 */
import { describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { fixedDayClock } from '../../server/clock';
import { openDb } from '../../server/db';
import { SYSTEM_ACTOR, type ServiceContext } from '../../server/services/context';
import { createRecord } from '../../server/services/write';

const ctx: ServiceContext = { db: openDb(':memory:'), clock: fixedDayClock('2025-06-30'), actor: SYSTEM_ACTOR, lang: 'zh' };
const setting = (key: string, value: unknown) => ({ key, value, description: key });

describe('write hooks registry', () => {
  it('refuses to write before the hooks are registered', async () => {
    await expect(createRecord(ctx, registry.get('settings')!, setting('free_note', '未注册'))).rejects.toThrow(/write hooks not registered/);
  });

  it("writes once the composition registered them, with the workflows' hooks in force", async () => {
    await import('../../server/services/write-hooks');
    expect((await createRecord(ctx, registry.get('settings')!, setting('free_note', '已注册'))).value).toBe('已注册');
    // the settings' hook (settings-hooks.ts) is in force: a declared text setting refuses a number
    await expect(createRecord(ctx, registry.get('settings')!, setting('companyName', 42))).rejects.toThrow(/设置 companyName 的值类型不正确/);
  });
});
