/** Issue 15 item 7: one validated reader of the environment, one default database path. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbFilePath, EnvError, readEnv, uploadLimitBytes } from '../../server/env';
import { ROOT } from '../../server/root';

describe('readEnv', () => {
  it('types the values and treats an empty one as unset', () => {
    const env = readEnv({ PORT: '8081', GSP_DEMO: '0', GSP_UPLOAD_MAX_MB: '2.5', GSP_TODAY: '2025-06-30', GSP_DB: '', GSP_IMPORT_TIMING: 'rules' });
    expect(env).toEqual({ PORT: 8081, GSP_DEMO: false, GSP_UPLOAD_MAX_MB: 2.5, GSP_TODAY: '2025-06-30', GSP_IMPORT_TIMING: 'rules' });
    expect(uploadLimitBytes(env)).toBe(2.5 * 1024 * 1024);
    expect(uploadLimitBytes(readEnv({}))).toBe(200 * 1024 * 1024);
  });

  it('rejects a bad value naming the variable, the value and what it must be, in Chinese and English', () => {
    const bad = (source: NodeJS.ProcessEnv) => {
      try {
        readEnv(source);
      } catch (e) {
        expect(e).toBeInstanceOf(EnvError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ PORT: 'eighty' })).toBe(
      '环境变量 PORT="eighty" 无效：应为 1–65535 的整数 / environment variable PORT="eighty" is invalid: must be a whole number from 1 to 65535',
    );
    expect(bad({ GSP_DEMO: 'no' })).toMatch(/GSP_DEMO="no" 无效：应为 0 或 1 .* must be 0 or 1/);
    expect(bad({ GSP_UPLOAD_MAX_MB: '-3' })).toMatch(/GSP_UPLOAD_MAX_MB/);
    expect(bad({ GSP_TODAY: '2025-13-45' })).toMatch(/YYYY-MM-DD/);
    // every unusable value at once, one per line
    expect(bad({ PORT: '0', GSP_BACKUP: 'yes' }).split('\n')).toHaveLength(2);
  });

  it('resolves the database path once: --db, else GSP_DB, else data/gsp.db under the project root', () => {
    expect(dbFilePath(undefined, readEnv({}))).toBe(path.join(ROOT, 'data/gsp.db'));
    expect(dbFilePath(undefined, readEnv({ GSP_DB: 'x/y.db' }))).toBe(path.resolve('x/y.db'));
    expect(dbFilePath('/tmp/z.db', readEnv({ GSP_DB: 'x/y.db' }))).toBe('/tmp/z.db');
  });
});
