/**
 * The attachment store over HTTP: the type judged by content (a .pdf that is an EXE is refused), the size
 * limit, SHA-256 addressing beside the database, no overwrite, history on replace, audit rows naming the hash,
 * an approved customer back to review on a new scan, rights as the least-privileged role that reaches each
 * route (a salesperson never reads another salesperson's scans), preview and download headers, backup →
 * restore with the hash verified, and an imported product refused without its import documents.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sqlRun } from '../helpers/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../schema/tables';
import { backupTo, restoreFrom } from '../../server/services/backup';
import { login, testOnPg } from '../helpers/app';
import { tinyPdf, tinyPng, uploadScan } from '../helpers/attachments';
import { buildWorld, recordStates, type World } from '../helpers/world';
import { PASSWORD, startFlowServer, type FlowServer } from './workflows/flow-users';

// A small limit for this file's server (read per request): 0.5 MB.
const LIMIT_ENV = process.env.GSP_ATTACHMENT_MAX_MB;
process.env.GSP_ATTACHMENT_MAX_MB = '0.5';

let f: FlowServer;
let other: World;
let licence: number;
let purchaser: number;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const store = () => path.join(path.dirname(f.srv.dbFile), 'attachments');
const up = (who: string, resource: string, id: number, kind: string, bytes: Buffer, name?: string, fields?: Record<string, string>, lang?: string) =>
  uploadScan(f.srv.url, f.cookies[who], resource, id, kind, bytes, name, fields, lang);
const get = (who: string, p: string) => fetch(`${f.srv.url}/api${p}`, { headers: { cookie: f.cookies[who] } });

beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
  other = await buildWorld(f.srv.db, f.srv.clock, '乙');
  const u = await f.call('admin', 'POST', '/users', {
    username: 'sales2',
    display_name: '马丽',
    roles: ['sales'],
    password: PASSWORD,
    active: true,
    salesperson: other.salesperson,
  });
  expect(u.status).toBe(201);
  f.cookies.sales2 = await login(f.srv.url, 'sales2', PASSWORD);
  const q = (o: object) => encodeURIComponent(JSON.stringify(o));
  licence = (await f.call('admin', 'GET', `/customer_licenses?filter=${q({ customer: f.world.customer })}`)).body[0].id;
  purchaser = (await f.call('admin', 'GET', `/customer_agents?filter=${q({ customer: f.world.customer, role: 'purchaser' })}`)).body[0].id;
});
afterAll(async () => {
  await f.srv.close();
  if (LIMIT_ENV === undefined) delete process.env.GSP_ATTACHMENT_MAX_MB;
  else process.env.GSP_ATTACHMENT_MAX_MB = LIMIT_ENV;
});

describe('storing a scan', () => {
  it('stores a PDF content-addressed by SHA-256 beside the database, read-only, and audits the hash', async () => {
    const bytes = tinyPdf('licence scan 1');
    const r = await up('sales', 'customer_licenses', licence, 'licence_scan', bytes, '药品经营许可证.pdf');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      resource: 'customer_licenses',
      record_id: licence,
      kind: 'licence_scan',
      file_name: '药品经营许可证.pdf',
      mime: 'application/pdf',
      size: bytes.length,
      sha256: sha(bytes),
    });
    const file = path.join(store(), sha(bytes).slice(0, 2), sha(bytes).slice(2));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o222).toBe(0); // nobody writes a stored scan
    const audit = (await f.srv.db.select().from(auditLog).where(eq(auditLog.resource, 'attachments')).all()).filter((a) => a.record_id === r.body.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0].reason).toContain(sha(bytes));
    expect(audit[0].after).toMatchObject({ sha256: sha(bytes) });
  });

  it('judges the type by content: an EXE named .pdf is refused (415, zh and en), a PNG named .pdf is stored as PNG', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);
    const before = fs.existsSync(store()) ? fs.readdirSync(store(), { recursive: true }).length : 0;
    const zh = await up('sales', 'customer_licenses', licence, 'licence_scan', exe, '营业执照.pdf');
    expect(zh.status).toBe(415);
    expect(zh.body.message).toBe('「营业执照.pdf」不是 PDF、JPEG 或 PNG 文件（按文件内容判断：实为 Windows EXE/DLL），已拒收。请上传扫描件的 PDF 或图片');
    const en = await up('sales', 'customer_licenses', licence, 'licence_scan', exe, 'licence.pdf', {}, 'en');
    expect(en.status).toBe(415);
    expect(en.body.message).toMatch(/^"licence\.pdf" is not a PDF, JPEG or PNG file \(judged by its content: it is Windows EXE\/DLL\)/);
    const text = await up('sales', 'customer_licenses', licence, 'licence_scan', Buffer.from('just text, not a scan'), 'scan.jpg');
    expect(text.status).toBe(415);
    expect(fs.readdirSync(store(), { recursive: true }).length).toBe(before); // nothing stored
    const png = await up('sales', 'customer_licenses', licence, 'other', tinyPng(7), '照片.pdf');
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    expect(png.body.mime).toBe('image/png');
  });

  it('refuses a file over the size limit (413, nothing kept) and an empty one (400)', async () => {
    const big = Buffer.concat([tinyPdf('big'), Buffer.alloc(600 * 1024, 0x20)]);
    const r = await up('sales', 'customer_licenses', licence, 'licence_scan', big, 'big.pdf');
    expect(r.status).toBe(413);
    expect(r.body.message).toBe('扫描件超过 0.5 MB 上限，请压缩或分页扫描后再上传');
    expect(fs.existsSync(path.join(store(), sha(big).slice(0, 2), sha(big).slice(2)))).toBe(false);
    expect((await up('sales', 'customer_licenses', licence, 'licence_scan', Buffer.alloc(0), 'empty.pdf')).status).toBe(400);
  });

  it('refuses a kind the resource does not carry, and a record or resource that takes no scans', async () => {
    const kind = await up('sales', 'customer_licenses', licence, 'customs_clearance', tinyPdf('x'));
    expect(kind.status).toBe(400);
    expect(kind.body.message).toContain('licence_scan 证照扫描件');
    expect((await up('admin', 'audit_log', 1, 'other', tinyPdf('x'))).status).toBe(400);
    expect((await up('sales', 'customer_licenses', 999999, 'licence_scan', tinyPdf('x'))).status).toBe(404);
  });

  it('never overwrites: the same bytes on two records are one file, untouched, and two rows', async () => {
    const bytes = tinyPdf('shared scan');
    const a = await up('sales', 'customer_agents', purchaser, 'id_copy', bytes, '身份证.pdf');
    expect(a.status).toBe(201);
    const file = path.join(store(), sha(bytes).slice(0, 2), sha(bytes).slice(2));
    const first = fs.statSync(file);
    const b = await up('qa', 'customer_agents', purchaser, 'attorney', bytes, '委托书.pdf');
    expect(b.status).toBe(201);
    expect(b.body.sha256).toBe(a.body.sha256);
    expect(b.body.id).not.toBe(a.body.id);
    const second = fs.statSync(file);
    expect([second.ino, second.mtimeMs, second.size]).toEqual([first.ino, first.mtimeMs, first.size]);
    // and the row itself cannot be rewritten or deleted behind the service's back
    await expect(sqlRun(f.srv.db, 'UPDATE attachments SET sha256 = ? WHERE id = ?', '0'.repeat(64), a.body.id)).rejects.toThrow(/never rewritten/);
    await expect(sqlRun(f.srv.db, 'DELETE FROM attachments WHERE id = ?', a.body.id)).rejects.toThrow(/never deleted/);
  });

  it('a replaced scan keeps its history: the old row superseded, not deleted, its file kept; both audited', async () => {
    const v1 = (await up('sales', 'customer_licenses', licence, 'licence_scan', tinyPdf('renewal v1'))).body;
    const v2bytes = tinyPdf('renewal v2');
    const v2 = await up('sales', 'customer_licenses', licence, 'licence_scan', v2bytes, '换证后.pdf', { replaces: String(v1.id), _reason: '证照换发' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.supersedes).toBe(v1.id);
    const list = (await f.call('auditor', 'GET', `/attachments/of/customer_licenses/${licence}`)).body;
    const old = list.attachments.find((a: { id: number }) => a.id === v1.id);
    expect(old).toMatchObject({ superseded_by: v2.body.id });
    expect(old.superseded_at).toBeTruthy();
    expect(list.slots.find((s: { kind: string }) => s.kind === 'licence_scan')).toMatchObject({ required: true, present: true });
    expect(fs.existsSync(path.join(store(), v1.sha256.slice(0, 2), v1.sha256.slice(2)))).toBe(true);
    const audit = await f.srv.db.select().from(auditLog).where(eq(auditLog.resource, 'attachments')).all();
    expect(audit.find((a) => a.record_id === v1.id && a.action === 'update')!.reason).toContain(sha(v2bytes));
    expect(audit.find((a) => a.record_id === v2.body.id)!.reason).toBe('证照换发');
    // an old version cannot be replaced again
    const again = await up('sales', 'customer_licenses', licence, 'licence_scan', tinyPdf('renewal v3'), 'v3.pdf', { replaces: String(v1.id) });
    expect(again.status).toBe(400);
    expect(again.body.message).toContain(`#${v1.id}`);
  });
});

describe('who may attach and read', () => {
  it('attaching needs the right to edit the record: warehouse and the auditor are refused (403), nothing stored', async () => {
    for (const who of ['warehouse', 'auditor']) {
      const r = await up(who, 'customer_licenses', licence, 'licence_scan', tinyPdf(`by ${who}`));
      expect(r.status, who).toBe(403);
    }
  });

  it('reading follows the record: the auditor previews inline and downloads with the Chinese name, nosniff', async () => {
    const bytes = tinyPdf('preview me');
    const a = (await up('sales', 'customer_licenses', licence, 'other', bytes, '营业执照副本.pdf')).body;
    const inline = await get('auditor', `/attachments/${a.id}/content`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
    expect(inline.headers.get('content-disposition')).toBe(
      `inline; filename="attachment-${a.id}.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照副本.pdf')}`,
    );
    expect(Buffer.from(await inline.arrayBuffer()).equals(bytes)).toBe(true);
    const download = await get('auditor', `/attachments/${a.id}/content?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect((await fetch(`${f.srv.url}/api/attachments/${a.id}/content`)).status).toBe(401);
    expect((await get('auditor', '/attachments/999999/content')).status).toBe(404);
  });

  it("a salesperson reads the scans of their own contract, never another salesperson's (content, list, generic API)", async () => {
    const mine = await up('sales', 'contracts', f.world.contract, 'contract_scan', tinyPdf('my contract'), '合同.pdf');
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    // the other salesperson may not even attach to it (own-record scope on edit)
    expect((await up('sales2', 'contracts', f.world.contract, 'contract_scan', tinyPdf('not mine'))).status).toBe(403);
    const theirs = (await up('sales2', 'contracts', other.contract, 'contract_scan', tinyPdf('their contract'), '乙合同.pdf')).body;
    expect((await get('sales', `/attachments/${mine.body.id}/content`)).status).toBe(200);
    expect((await get('sales', `/attachments/${theirs.id}/content`)).status).toBe(403);
    expect((await f.call('sales', 'GET', `/attachments/of/contracts/${other.contract}`)).status).toBe(403);
    const listed = (await f.call('sales', 'GET', `/attachments?filter=${encodeURIComponent(JSON.stringify({ resource: 'contracts' }))}`)).body;
    expect(listed.map((a: { id: number }) => a.id)).toEqual([mine.body.id]);
    expect((await f.call('sales', 'GET', `/attachments/${theirs.id}`)).status).toBe(403);
    // the generic API never writes attachments
    expect((await f.call('admin', 'POST', '/attachments', { resource: 'contracts', record_id: 1, kind: 'other' })).status).toBe(403);
  });
});

describe('scans and approvals', () => {
  it("a new scan on an approved customer's licence sends the customer back to review (APPROVAL_SUPERSEDED)", async () => {
    // (the scans uploaded above already sent it back once: approved again for this case)
    await recordStates(f.srv, 'customers', f.world.customer, { qa_status: 'approved', qa_approved_at: '2023-01-10' });
    expect((await f.call('admin', 'GET', `/customers/${f.world.customer}`)).body.qa_status).toBe('approved');
    const r = await up('sales', 'customer_licenses', licence, 'licence_scan', tinyPdf('new scan after approval'));
    expect(r.status).toBe(201);
    expect((await f.call('admin', 'GET', `/customers/${f.world.customer}`)).body.qa_status).toBe('pending');
    const q = encodeURIComponent(JSON.stringify({ rule: 'APPROVAL_SUPERSEDED', resource: 'customers', record_id: f.world.customer, status: 'open' }));
    const [newest] = (await f.call('qa', 'GET', `/findings?filter=${q}&sort=${encodeURIComponent('["id","DESC"]')}`)).body;
    expect(newest.fields).toEqual(['attachments']);
    expect(newest.message).toContain('购货单位证照·证照扫描件');
    expect(newest.message).toContain('待审核');
  });

  it('a contract scan after approval does not: the contract approval does not cover scans', async () => {
    const before = (await f.call('admin', 'GET', `/contracts/${f.world.contract}`)).body.status;
    expect((await up('sales', 'contracts', f.world.contract, 'contract_scan', tinyPdf('signed copy'))).status).toBe(201);
    expect((await f.call('admin', 'GET', `/contracts/${f.world.contract}`)).body.status).toBe(before);
  });

  it('PRODUCT_IMPORT_DOCS_MISSING: an imported product is approved only with its import licence and customs clearance', async () => {
    const p = await f.call('admin', 'POST', '/products', {
      kind: 'drug',
      generic_name: '硝苯地平控释片',
      trade_name: '拜新同',
      dosage_form: '片剂',
      spec: '30mg×7片',
      unit: '盒',
      manufacturer: '拜耳医药保健有限公司',
      approval_no: '国药准字J20100101',
      scope_category: '化学药制剂',
      storage: 'normal',
      imported: true,
      price_cap: 40,
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const id = p.body.id;
    expect((await up('qa', 'products', id, 'approval_doc', tinyPdf('approval'))).status).toBe(201);
    const list = (await f.call('qa', 'GET', `/workflows/first-business/products/${id}`)).body;
    expect(list.checks.find((c: { key: string }) => c.key === 'import_docs')).toMatchObject({
      status: 'fail',
      blocking: true,
      source: '第二篇 3.6.3; 第四篇 一.3',
    });
    const refused = await f.call('qa', 'POST', `/products/${id}/approve`, { password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('[PRODUCT_IMPORT_DOCS_MISSING] 进口品种缺少进口药品注册证、进口药品通关单扫描件');
    expect((await up('qa', 'products', id, 'import_registration', tinyPdf('import licence'))).status).toBe(201);
    expect((await f.call('qa', 'POST', `/products/${id}/approve`, { password: PASSWORD })).body.message).toContain('缺少进口药品通关单');
    expect((await up('qa', 'products', id, 'customs_clearance', tinyPng(3), '通关单.png')).status).toBe(201);
    const ok = await f.call('qa', 'POST', `/products/${id}/approve`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

// The scans beside the SQLite file's online backup; beside PostgreSQL's pg_dump: test/server/cli/pg-ops.test.ts.
describe.skipIf(testOnPg())('backup and restore', () => {
  it('the backup carries every scan; a restore puts them back and checks each hash', async () => {
    const bytes = tinyPdf('backed up');
    const a = (await up('sales', 'customer_agents', purchaser, 'attorney', bytes, '委托书2025.pdf')).body;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-attach-backup-'));
    try {
      const out = path.join(dir, 'backup.db');
      const r = await backupTo(f.srv.db, out);
      expect(r.attachments).toBeGreaterThan(5);
      expect(fs.readFileSync(path.join(`${out}.attachments`, a.sha256.slice(0, 2), a.sha256.slice(2))).equals(bytes)).toBe(true);
      // onto a new machine: an empty directory
      const target = path.join(dir, 'restored', 'gsp.db');
      fs.mkdirSync(path.dirname(target));
      await restoreFrom(out, target);
      const restored = path.join(dir, 'restored', 'attachments', a.sha256.slice(0, 2), a.sha256.slice(2));
      expect(sha(fs.readFileSync(restored))).toBe(a.sha256);
      // a tampered copy in the backup is refused before the database is replaced
      const bad = path.join(dir, 'bad.db');
      fs.copyFileSync(out, bad);
      fs.cpSync(`${out}.attachments`, `${bad}.attachments`, { recursive: true });
      const victim = path.join(`${bad}.attachments`, a.sha256.slice(0, 2), a.sha256.slice(2));
      fs.chmodSync(victim, 0o644);
      fs.writeFileSync(victim, tinyPdf('tampered'));
      const fresh = path.join(dir, 'fresh', 'gsp.db');
      fs.mkdirSync(path.dirname(fresh));
      await expect(restoreFrom(bad, fresh)).rejects.toThrow(/SHA-256/);
      expect(fs.existsSync(fresh)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
