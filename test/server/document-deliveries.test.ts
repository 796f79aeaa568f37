/**
 * 资料交付记录 (第二篇 3.6) over HTTP, as the salesperson (the least-privileged role that writes it): which of
 * our documents went to which customer when — the document named for its kind, the import template and an
 * import, and the printed 资料交付清单.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImport } from '../imports/pipeline-fixtures';
import { startFlowServer, type FlowServer } from './workflows/flow-users';

let f: FlowServer;
beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
});
afterAll(() => f.srv.close());

describe('document deliveries', () => {
  it('the salesperson records a delivery; the document it names must match its kind (400, zh/en)', async () => {
    const ok = await f.call('sales', 'POST', '/document_deliveries', {
      customer: f.world.customer,
      delivered_at: '2025-06-12',
      kind: 'product_approval',
      product: f.world.product,
      copies: 2,
      delivered_by: '高刚',
      received_by: '李娜',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ sealed: true, copies: 2 });
    const noProduct = await f.call('sales', 'POST', '/document_deliveries', {
      customer: f.world.customer,
      delivered_at: '2025-06-12',
      kind: 'product_approval',
    });
    expect(noProduct.status).toBe(400);
    expect(noProduct.body.errors.product).toBe('请选择交付批准证明文件的品种');
    const en = await f.call('sales', 'POST', '/document_deliveries', { customer: f.world.customer, delivered_at: '2025-06-12', kind: 'company_licence' }, 'en');
    expect(en.status).toBe(400);
    expect(en.body.errors.company_license).toBe('Choose which of our licences was provided');
    const notImported = await f.call('sales', 'POST', '/document_deliveries', {
      customer: f.world.customer,
      delivered_at: '2025-06-12',
      kind: 'import_docs',
      product: f.world.product,
    });
    expect(notImported.status).toBe(400);
    expect(notImported.body.errors.product).toContain('不是进口品种');
    // warehouse may read it but not write it
    expect(
      (
        await f.call('warehouse', 'POST', '/document_deliveries', {
          customer: f.world.customer,
          delivered_at: '2025-06-12',
          kind: 'product_approval',
          product: f.world.product,
        })
      ).status,
    ).toBe(403);
    expect((await f.call('warehouse', 'GET', '/document_deliveries')).status).toBe(200);
  });

  it('imports from its template (our licence by its number) as the salesperson', async () => {
    const template = await fetch(`${f.srv.url}/api/import-templates/document_deliveries.xlsx`, { headers: { cookie: f.cookies.sales } });
    expect(template.status).toBe(200);
    const csv = '单位名称,交付日期,资料类型,本企业证照证号,份数,交付人\n武汉市康泰医药有限公司,2025-06-15,本企业证照复印件,鄂AA0270110,1,高刚\n';
    const res = await uploadImport(f.srv.url, f.cookies.sales, { name: '资料交付.csv', bytes: Buffer.from(csv, 'utf8') }, { kind: 'document_deliveries' });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.report.counts).toMatchObject({ imported: 1, rejected: 0 });
    const rows = (await f.call('sales', 'GET', `/document_deliveries?filter=${encodeURIComponent(JSON.stringify({ kind: 'company_licence' }))}`)).body;
    expect(rows).toHaveLength(1);
    expect(rows[0].delivered_at).toBe('2025-06-15');
  });

  it('prints the 资料交付清单 of the customer, oldest first', async () => {
    const res = await fetch(`${f.srv.url}/api/workflows/documents/document-deliveries/${f.world.customer}`, { headers: { cookie: f.cookies.sales } });
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const s of ['资料交付清单', '武汉市康泰医药有限公司', '品种批准证明文件复印件', '国药准字H20022891', '本企业证照复印件', '鄂AA0270110', '李娜'])
      expect(page, s).toContain(s);
    expect(page.indexOf('2025-06-12')).toBeLessThan(page.indexOf('2025-06-15'));
    const bad = await fetch(`${f.srv.url}/api/workflows/documents/document-deliveries/${f.world.customer}?from=2025-13-01`, {
      headers: { cookie: f.cookies.sales },
    });
    expect(bad.status).toBe(400);
  });
});
