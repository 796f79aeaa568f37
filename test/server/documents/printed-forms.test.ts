/**
 * Printed forms complete (issue #14): each form's PDF, read back as text, carries every field its clause lists —
 * the device 销售记录（清单）(第四篇 一.4/一.5), the 出库单 (第二篇 3.8) and the 销售货物清单 of a non-itemised
 * invoice (第二篇 3.8: the invoice number and the finance seal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { createRecord } from '../../../server/services/write';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { pdfText } from '../../helpers/pdf-text';
import { buildWorld, compliantOrder, type World } from '../../helpers/world';

const BASE = '/api/workflows/documents';
let srv: TestServer;
let admin: string;
let w: World;
const ids: Record<string, number> = {};

const make = async (resource: string, values: Record<string, unknown>) =>
  (await createRecord({ db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get(resource)!, values, { historical: true })).id as number;

async function pdf(path: string): Promise<string> {
  const res = await fetch(`${srv.url}${BASE}/${path}/pdf`, { headers: { cookie: admin } });
  expect(res.status, path).toBe(200);
  // the PDF text runs words of one table cell together and may break a line inside a value: compare without spaces
  return (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, '');
}

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = await buildWorld(srv.db, srv.clock);
  await make('customer_licenses', {
    customer: w.customer,
    kind: 'device_business',
    number: '鄂汉械经营许20230042号',
    scope: ['第三类医疗器械'],
    valid_from: '2023-01-01',
    valid_to: '2028-12-31',
  });
  const device = await make('products', {
    kind: 'device',
    generic_name: '一次性使用无菌注射器',
    spec: '5ml',
    unit: '支',
    manufacturer: '江西洪达医疗器械集团有限公司',
    manufacturer_license: '赣食药监械生产许20000007号',
    approval_no: '国械注准20153150426',
    scope_category: '第三类医疗器械',
    device_class: 'III',
    sterile_single_use: true,
    qa_status: 'approved',
  });
  const batch = await make('batches', {
    product: device,
    batch_no: '20250301',
    production_date: '2025-03-01',
    expiry_date: '2028-02-28',
    sterilization_batch: 'MJ250305',
  });
  ids.order = await make('sales_orders', {
    ...compliantOrder(w, 'XS20250615', {}, { sale_date: '2025-06-15' }),
    sales_lines: [
      { product: device, batch, quantity: 500, unit_price: 0.6, amount: 300, handler: '高刚', responsible: '刘经理' },
      { product: w.product, batch: w.batch, quantity: 10, unit_price: 15, amount: 150, handler: '高刚', responsible: '刘经理' },
    ],
  });
  ids.slip = await make('outbound_slips', {
    slip_no: 'CK20250616',
    order: ids.order,
    outbound_date: '2025-06-16',
    issued_by: '王开票',
    picked_by: '孙立',
    reviewed_by: '钱敏',
    reviewed_at: '2025-06-16T02:00:00.000Z',
  });
  ids.invoice = await make('invoices', {
    invoice_no: '04400231',
    type: 'vat_ordinary',
    customer: w.customer,
    invoice_date: '2025-06-18',
    amount: 450,
    itemised: false,
    list_attached: true,
  });
  await make('invoice_slips', { invoice: ids.invoice, slip: ids.slip });
  await make('invoice_lines', { invoice: ids.invoice, product: device, quantity: 500, amount: 300 });
  await make('invoice_lines', { invoice: ids.invoice, product: w.product, quantity: 10, amount: 150 });
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

const has = (text: string, fields: string[]) => {
  for (const f of fields) expect(text, f).toContain(f.replace(/\s+/g, ''));
};

describe('printed forms carry every field of their clause', () => {
  it("the device 销售记录（清单）: 名称, 规格, 注册证号, 数量, 单价, 金额; 批号, 有效期, 销售日期; 生产企业 and its licence; the buyer's licence, address, contact; 灭菌批号, 经办人, 负责人", async () => {
    const order = await pdf(`sales-record/${ids.order}`);
    has(order, [
      // (1) name, spec, registration number, quantity, unit price, amount
      '一次性使用无菌注射器',
      '5ml',
      '注册证号/备案凭证编号',
      '国械注准20153150426',
      '500',
      '0.60',
      '300.00',
      // (2) batch, expiry, sale date
      '20250301',
      '2028-02-28',
      '2025-06-15',
      // (3) maker and its licence
      '江西洪达医疗器械集团有限公司',
      '生产企业许可证号',
      '赣食药监械生产许20000007号',
      // (4) buyer: name, licence number, address, contact
      '武汉市康泰医药有限公司',
      '鄂汉械经营许20230042号',
      '鄂AA3944806',
      '湖北省武汉市江汉区解放大道100号',
      '杨海燕',
      '13915346753',
      // 一.5 sterile single-use: sterilisation batch, handler, responsible
      '灭菌批号',
      'MJ250305',
      '经办人',
      '高刚',
      '负责人',
      '刘经理',
    ]);
  }, 60_000);

  it("the customer's 销售记录清单 for a period carries the same device columns and buyer block", async () => {
    const res = await fetch(`${srv.url}${BASE}/customer-sales-record/${w.customer}/pdf?from=2025-06-01&to=2025-06-30`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, '');
    has(text, ['国械注准20153150426', '赣食药监械生产许20000007号', 'MJ250305', '鄂汉械经营许20230042号', '湖北省武汉市江汉区解放大道100号', '13915346753']);
  }, 60_000);

  it('a drug-only record keeps the drug columns (no device columns)', async () => {
    const drugOnly = await make('sales_orders', compliantOrder(w, 'XS20250620', {}, { sale_date: '2025-06-20' }));
    const html = await (await fetch(`${srv.url}${BASE}/sales-record/${drugOnly}`, { headers: { cookie: admin } })).text();
    expect(html).not.toContain('灭菌批号');
    expect(html).toContain('鄂AA3944806');
  });

  it('the 出库单: 通用名称, 剂型, 规格, 批号, 有效期, 生产厂商, 购货单位, 出库数量, 销售日期, 出库日期, 销售金额', async () => {
    const slip = await pdf(`outbound-slip/${ids.slip}`);
    has(slip, [
      '出库单',
      '通用名称',
      '阿莫西林胶囊',
      '剂型',
      '胶囊剂',
      '规格',
      '0.25g×24粒',
      '批号',
      '00581',
      '有效期',
      '2027-03-28',
      '生产厂商',
      '华北制药股份有限公司',
      '购货单位',
      '武汉市康泰医药有限公司',
      '数量',
      '销售日期：2025-06-15',
      '出库日期：2025-06-16',
      '金额',
      '450.00',
    ]);
  }, 60_000);

  it('the 销售货物清单 of a non-itemised invoice: the goods, the invoice number and the finance seal', async () => {
    const list = await pdf(`invoice-goods-list/${ids.invoice}`);
    has(list, [
      '销售货物或者提供应税劳务清单',
      '发票号码：04400231',
      '2025-06-18',
      '武汉市康泰医药有限公司',
      '一次性使用无菌注射器',
      '5ml',
      '支',
      '500',
      '300.00',
      '阿莫西林胶囊',
      '450.00',
      '企业财务专用章',
      '加盖财务专用章',
    ]);
  }, 60_000);
});
