/**
 * A master-data import speaks the user's language: in English (Accept-Language en / the CLI's --lang en) its
 * findings, rejected rows and errors carry English messages, in Chinese the Chinese ones — the same
 * findings either way (rule codes, rows, fields).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../imports/run/types';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { EXPECTED, importFile, sample, tempDb, uploadImport } from './pipeline-fixtures';

const CJK = /[\u3400-\u9fff]/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-master-lang-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** customers.csv with two bad rows: a type no one knows and a missing name. */
function badCustomers(): string {
  const lines = fs
    .readFileSync(sample('customers.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(',');
  const typeCol = header.findIndex((h) => h.includes('类型'));
  const nameCol = header.findIndex((h) => h.includes('名称'));
  const a = lines[1].split(',');
  a[typeCol] = '外星机构';
  const b = lines[2].split(',');
  b[nameCol] = '';
  const file = path.join(dir, 'customers-bad.csv');
  fs.writeFileSync(file, [lines[0], a.join(','), b.join(','), ...lines.slice(3)].join('\n'));
  return file;
}

/**
 * Message by message (the reports list the same things in the same order): Chinese sentences in zh; in en a
 * different text with English words (it may quote a Chinese value, a name or an enum label).
 */
function expectLanguages(zh: string[], en: string[]) {
  expect(en.length).toBe(zh.length);
  expect(en.length).toBeGreaterThan(2);
  zh.forEach((m, i) => {
    expect(m).toMatch(CJK);
    expect(en[i], m).not.toBe(m);
    expect(en[i], m).toMatch(/[A-Za-z]{3,}/);
  });
}

/** Messages of a report: findings' and rejected rows'. */
const messages = (r: ImportReport) => [...r.findings.map((f) => f.message), ...r.rejected.flatMap((x) => x.errors.map((e) => e.message))];

describe("master import messages in the user's language", () => {
  it('in-process: the same findings, English or Chinese messages', async () => {
    const runIn = async (lang: 'zh' | 'en') => {
      const t = tempDb();
      try {
        const reports: ImportReport[] = [];
        for (const m of EXPECTED.master) {
          const file = m.kind === 'customers' ? badCustomers() : sample(m.file);
          reports.push((await importFile(t.db, file, m.kind, { lang })).report);
        }
        return reports;
      } finally {
        t.close();
      }
    };
    const zh = await runIn('zh');
    const en = await runIn('en');
    const shape = (rs: ImportReport[]) =>
      rs.map((r) => ({ f: r.findings.map((f) => [f.row, f.rule, f.fields]), r: r.rejected.map((x) => [x.row, x.errors.map((e) => e.field)]) }));
    expect(shape(en)).toEqual(shape(zh));
    const zhMessages = zh.flatMap(messages);
    const enMessages = en.flatMap(messages);
    expect(zh.flatMap((r) => r.findings).length, 'the sample master data has findings to check').toBeGreaterThan(0);
    expect(zh[EXPECTED.master.findIndex((m) => m.kind === 'customers')].rejected).toHaveLength(2);
    expectLanguages(zhMessages, enMessages);
  }, 120_000);

  describe('over HTTP', () => {
    let server: TestServer;
    let cookie: string;
    beforeAll(async () => {
      server = await startTestServer({ today: EXPECTED.asOf });
      cookie = await login(server.url);
    }, 60_000);
    afterAll(() => server.close());

    it('follows Accept-Language', async () => {
      const post = async (file: string, kind: string, lang: string) => {
        const res = await uploadImport(server.url, cookie, file, { kind, dryRun: 'true' }, { 'Accept-Language': lang });
        expect(res.status).toBe(200);
        return ((await res.json()) as { report: ImportReport }).report;
      };
      const file = badCustomers();
      const en = await post(file, 'customers', 'en-US,en;q=0.9');
      const zh = await post(file, 'customers', 'zh-CN');
      expect(en.rejected.map((r) => r.row)).toEqual(zh.rejected.map((r) => r.row));
      expect(en.findings.map((f) => f.rule)).toEqual(zh.findings.map((f) => f.rule));
      expectLanguages(messages(zh), messages(en));
    });
  });
});
