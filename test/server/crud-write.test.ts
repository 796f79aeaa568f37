/**
 * create / getOne / update / updateMany / delete / deleteMany through the unmodified ra-data-simple-rest
 * client, and the errors: 409 on a stale version, 400 field errors (Chinese, English), natural keys,
 * references, malformed bodies, read-only resources.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CREDIT_CODES, customerBody, httpError, ID_NUMBERS, list, startApi, type Api } from './api-client';

let api: Api;
let adminId: number;

beforeAll(async () => {
  api = await startApi();
  adminId = (await (await api.http('/auth/me')).json()).id;
});
afterAll(() => api.server.close());

const create = async (resource: string, data: Record<string, unknown>) => (await api.dp.create(resource, { data })).data;
const getOne = async (resource: string, id: number) => (await api.dp.getOne(resource, { id })).data;
const auditCount = async () => (await list(api.dp, 'audit_log', {}, ['id', 'ASC'], 1, 1)).total;

describe('create and getOne', () => {
  test('POST returns 201 and the record with id, version 1 and server-side stamps', async () => {
    const res = await api.http('/customers', {
      method: 'POST',
      json: customerBody('汉口大药房', { credit_code: CREDIT_CODES[1].toLowerCase(), credit_limit: 1234.5678, cold_chain: 'true' }),
    });
    expect(res.status).toBe(201);
    const c = await res.json();
    expect(c).toMatchObject({
      name: '汉口大药房',
      type: 'retailer',
      region: '湖北省武汉市',
      credit_code: CREDIT_CODES[1],
      credit_limit: 1234.57,
      cold_chain: true,
      service_point: null,
      qa_status: 'pending',
      version: 1,
      created_by: adminId,
      updated_by: adminId,
      voided_at: null,
      voided_by: null,
      void_reason: null,
    });
    expect(c.id).toBeGreaterThan(0);
    expect(c.created_at).toMatch(/^2025-06-30T01:\d\d:\d\d\.\d{3}Z$/); // the server's pinned clock (09:00 +08:00)
    expect(await getOne('customers', c.id)).toEqual(c);
  });

  test('the client cannot set id, version, stamps or void columns', async () => {
    const c = await create(
      'customers',
      customerBody('硚口药店', {
        id: 4242,
        version: 9,
        created_at: '2000-01-01T00:00:00Z',
        created_by: 999,
        updated_by: 999,
        voided_at: '2000-01-01T00:00:00Z',
        voided_by: 999,
        void_reason: 'x',
      }),
    );
    expect(c.id).not.toBe(4242);
    expect(c).toMatchObject({ version: 1, created_by: adminId, updated_by: adminId, voided_at: null, voided_by: null, void_reason: null });
    expect(c.created_at).toMatch(/^2025-06-30T/);
  });

  test('several resources round-trip their kinds (enum, list, bool, money, date, ref)', async () => {
    const p = await create('products', {
      kind: 'device',
      generic_name: '医用外科口罩',
      spec: '17.5cm*9.5cm',
      unit: '包',
      manufacturer: '稳健医疗',
      approval_no: '鄂械注准20202141111',
      scope_category: '第二类医疗器械',
      device_class: 'II',
      special_control: '',
      sterile_single_use: false,
      price_cap: '12.3456',
      storage: 'normal',
    });
    expect(p).toMatchObject({ kind: 'device', device_class: 'II', special_control: [], sterile_single_use: false, price_cap: 12.35, qa_status: 'pending' });
    const p2 = await create('products', {
      generic_name: '复方盐酸伪麻黄碱缓释胶囊',
      spec: '10粒',
      unit: '盒',
      manufacturer: '中美史克',
      approval_no: '国药准字H10940134',
      scope_category: '化学药制剂',
      special_control: 'ephedrine、other',
    });
    expect(p2).toMatchObject({ kind: 'drug', special_control: ['ephedrine', 'other'] });
    const b = await create('batches', { product: p.id, batch_no: '00123', expiry_date: '2027-05-31', production_date: '2025-05-01T00:00:00.000Z' });
    expect(b).toMatchObject({ product: p.id, batch_no: '00123', expiry_date: '2027-05-31', production_date: '2025-05-01', status: 'qualified' });
    const s = await create('salespeople', { name: '赵六', id_no: ID_NUMBERS[0].toLowerCase(), social_insurance: 1, contract_end: '2026-12-31' });
    expect(s).toMatchObject({ name: '赵六', id_no: ID_NUMBERS[0], social_insurance: true, contract_end: '2026-12-31' });
    const c = await create('customers', customerBody('青山卫生院', { type: 'medical_institution' }));
    const l = await create('customer_licenses', {
      customer: String(c.id),
      kind: 'medical_institution',
      number: 'PDY-9',
      scope: '中成药、化学药制剂，中成药',
      valid_to: '2029-01-01',
    });
    expect(l).toMatchObject({ customer: c.id, kind: 'medical_institution', number: 'PDY-9', scope: ['中成药', '化学药制剂'], valid_to: '2029-01-01' });
    expect(await getOne('customer_licenses', l.id)).toEqual(l);
  });
});

describe('update and version checks', () => {
  test('PUT with the current version updates and bumps the version', async () => {
    const c = await create('customers', customerBody('江岸药店'));
    const { data } = await api.dp.update('customers', { id: c.id, data: { ...c, contact_name: '钱七', credit_limit: 500 }, previousData: c });
    expect(data).toMatchObject({ id: c.id, version: 2, contact_name: '钱七', credit_limit: 500, created_at: c.created_at, updated_by: adminId });
    expect(await getOne('customers', c.id)).toEqual(data);
  });

  test('a stale version → 409, the record unchanged and nothing audited', async () => {
    const c = await create('customers', customerBody('江汉药店'));
    const v2 = (await api.dp.update('customers', { id: c.id, data: { ...c, address: '解放大道1号' }, previousData: c })).data;
    const audits = await auditCount();
    const e = await httpError(() => api.dp.update('customers', { id: c.id, data: { ...c, address: '中山大道2号', contact_name: 'X' }, previousData: c }));
    expect(e.status).toBe(409);
    expect(e.message).toBe('该记录已被他人修改（您编辑的是第 1 版，当前为第 2 版），未保存。请刷新后重新修改。');
    expect(e.body.errors).toBeUndefined();
    expect(await getOne('customers', c.id)).toEqual(v2);
    expect(await auditCount()).toBe(audits);
    const en = await httpError(() => api.dpEn.update('customers', { id: c.id, data: { ...c, version: 7 }, previousData: c }));
    expect(en.status).toBe(409);
    expect(en.message).toBe('This record was changed by someone else (you edited version 7, it is now version 2); nothing was saved. Reload and edit again.');
  });

  test('a PUT that changes nothing keeps the version and writes no audit row', async () => {
    const c = await create('customers', customerBody('汉阳药店'));
    const audits = await auditCount();
    const { data } = await api.dp.update('customers', { id: c.id, data: { ...c }, previousData: c });
    expect(data).toEqual(c);
    expect(await auditCount()).toBe(audits);
  });

  test('a PUT without version is refused (428); the bulk-edit route applies without versions, all or none', async () => {
    const a = await create('customers', customerBody('洪山药店A'));
    const b = await create('customers', customerBody('洪山药店B'));
    await api.dp.update('customers', { id: b.id, data: { ...b, address: 'x' }, previousData: b }); // b is at version 2
    // the unmodified client's updateMany is one PUT per record without a version: refused
    const e = await httpError(() => api.dp.updateMany('customers', { ids: [a.id, b.id], data: { contact_name: '批量联系人' } }));
    expect(e.status).toBe(428);
    expect(e.message).toContain('缺少版本号');
    const bulk = (data: unknown) => api.http('/customers/bulk', { method: 'PUT', json: { ids: [a.id, b.id], data } });
    // all or nothing, and the same guards as a single edit: a step-owned field is refused for both
    const refused = await bulk({ contact_name: '批量联系人', qa_status: 'approved' });
    expect(refused.status).toBe(400);
    expect((await getOne('customers', a.id)).version).toBe(1);
    const r = { data: await (await bulk({ contact_name: '批量联系人', service_point: true })).json() };
    expect(r.data).toEqual([a.id, b.id]);
    expect(await getOne('customers', a.id)).toMatchObject({ contact_name: '批量联系人', service_point: true, version: 2, address: null });
    expect(await getOne('customers', b.id)).toMatchObject({ contact_name: '批量联系人', service_point: true, version: 3, address: 'x' });
  });

  test('updateMany with a version checks it on every record', async () => {
    const a = await create('customers', customerBody('蔡甸药店A'));
    const b = await create('customers', customerBody('蔡甸药店B'));
    const bv2 = (await api.dp.update('customers', { id: b.id, data: { ...b, address: 'y' }, previousData: b })).data;
    const e = await httpError(() => api.dp.updateMany('customers', { ids: [a.id, b.id], data: { version: 1, service_point: true } }));
    expect(e.status).toBe(409);
    // Promise.all rejects on the first failure; a's request may still be in flight.
    await vi.waitFor(async () => expect(await getOne('customers', a.id)).toMatchObject({ service_point: true, version: 2 }));
    expect(await getOne('customers', b.id)).toEqual(bv2);
  });

  test('PUT on a missing record → 404, on a voided one → 400', async () => {
    const e = await httpError(() => api.dp.update('customers', { id: 999999, data: { name: 'x' }, previousData: { id: 999999 } }));
    expect(e.status).toBe(404);
    expect(e.message).toBe('记录不存在：customers #999999');
    const c = await create('customers', customerBody('新洲药店'));
    await api.dp.delete('customers', { id: c.id, previousData: c });
    const v = await httpError(() => api.dp.update('customers', { id: c.id, data: { name: '新洲药店2' }, previousData: c }));
    expect(v.status).toBe(400);
    expect(v.message).toBe('该记录已作废');
    expect((await getOne('customers', c.id)).name).toBe('新洲药店');
  });
});

describe('delete voids', () => {
  test('dp.delete with the X-Reason header voids, returns the record, and it leaves the default list', async () => {
    const c = await create('customers', customerBody('黄陂药店'));
    api.setReason('客户已注销，重复建档');
    const { data } = await api.dp.delete('customers', { id: c.id, previousData: c });
    api.setReason('test void');
    expect(data).toMatchObject({ id: c.id, name: '黄陂药店', version: 2, voided_by: adminId, void_reason: '客户已注销，重复建档' });
    expect(data.voided_at).toMatch(/^2025-06-30T01:/);
    expect(await getOne('customers', c.id)).toEqual(data);
    expect((await list(api.dp, 'customers', { q: '黄陂' })).total).toBe(0);
    expect((await list(api.dp, 'customers', { q: '黄陂', voided: true })).data.map((r) => r.id)).toEqual([c.id]);
  });

  test('the reason may come as ?reason= or in a JSON body', async () => {
    const a = await create('customers', customerBody('东西湖药店A'));
    const b = await create('customers', customerBody('东西湖药店B'));
    let res = await api.http(`/customers/${a.id}?reason=${encodeURIComponent('证照过期')}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect((await res.json()).void_reason).toBe('证照过期');
    res = await api.http(`/customers/${b.id}`, { method: 'DELETE', json: { reason: '  录入错误 ' } });
    expect(res.status).toBe(200);
    expect((await res.json()).void_reason).toBe('录入错误');
  });

  test('without a reason → 400 with a field error, nothing voided', async () => {
    const c = await create('customers', customerBody('江夏药店'));
    api.setReason(undefined);
    try {
      const e = await httpError(() => api.dp.delete('customers', { id: c.id, previousData: c }));
      expect(e.status).toBe(400);
      expect(e.body).toEqual({ message: '作废必须填写原因', errors: { reason: '作废必须填写原因', root: { serverError: '作废必须填写原因' } } });
      const en = await httpError(() => api.dpEn.delete('customers', { id: c.id, previousData: c }));
      expect(en.body.errors.reason).toBe('A reason is required to void a record');
    } finally {
      api.setReason('test void');
    }
    const blank = await api.http(`/customers/${c.id}?reason=%20%20`, { method: 'DELETE' });
    expect(blank.status).toBe(400);
    expect((await getOne('customers', c.id)).voided_at).toBeNull();
  });

  test('voiding twice → 400; a missing record → 404', async () => {
    const c = await create('customers', customerBody('汉南药店'));
    await api.dp.delete('customers', { id: c.id, previousData: c });
    const e = await httpError(() => api.dp.delete('customers', { id: c.id, previousData: c }));
    expect(e.status).toBe(400);
    expect(e.message).toBe('该记录已作废');
    expect((await httpError(() => api.dp.delete('customers', { id: 999999, previousData: { id: 999999 } }))).status).toBe(404);
    expect((await httpError(() => api.dp.getOne('customers', { id: 999999 }))).status).toBe(404);
    expect((await httpError(() => api.dp.getOne('customers', { id: 'abc' }))).status).toBe(404);
  });

  test('deleteMany voids each record with the reason', async () => {
    const ids: number[] = [];
    for (const n of ['甲', '乙', '丙']) ids.push((await create('salespeople', { name: `批量${n}`, id_no: ID_NUMBERS[2] })).id);
    api.setReason('离职');
    const r = await api.dp.deleteMany('salespeople', { ids: ids.slice(0, 2) });
    api.setReason('test void');
    expect(r.data).toEqual(ids.slice(0, 2));
    const many = await api.dp.getMany('salespeople', { ids });
    expect(many.data.map((s) => [s.id, s.void_reason]).sort()).toEqual(
      [
        [ids[0], '离职'],
        [ids[1], '离职'],
        [ids[2], null],
      ].sort(),
    );
    expect((await list(api.dp, 'salespeople', { q: '批量' })).data.map((s) => s.id)).toEqual([ids[2]]);
  });
});

describe('validation errors (400 with field errors)', () => {
  const body = (message: string, errors: Record<string, string>) => ({ message, errors: { ...errors, root: { serverError: message } } });
  const ZH = '提交的内容有误，请检查标出的字段';
  const EN = 'The submission has errors; check the marked fields';

  test('required fields (defaults excuse qa_status)', async () => {
    const e = await httpError(() => api.dp.create('customers', { data: {} }));
    expect(e.status).toBe(400);
    expect(e.message).toBe(ZH);
    expect(e.body).toEqual(body(ZH, { name: '必填项，请填写', type: '必填项，请填写', region: '必填项，请填写' }));
    const en = await httpError(() => api.dpEn.create('customers', { data: { name: '  ', type: 'retailer' } }));
    expect(en.body).toEqual(body(EN, { name: 'Required', region: 'Required' }));
    const c = await create('customers', customerBody('阳逻药店'));
    const u = await httpError(() => api.dp.update('customers', { id: c.id, data: { ...c, name: '', type: null }, previousData: c }));
    expect(u.body).toEqual(body(ZH, { name: '必填项，请填写', type: '必填项，请填写' }));
    const a = await httpError(() => api.dp.create('authorizations', { data: { document_no: 'SQ-1' } }));
    expect(Object.keys(a.body.errors).sort()).toEqual(['regions', 'root', 'salesperson', 'valid_from', 'valid_to', 'varieties']);
  });

  test('enum, date, number, bool, credit code, ID number (Chinese and English)', async () => {
    const bad = {
      name: '坏数据药店',
      type: 'hospital',
      region: '湖北省',
      credit_code: '91350100M000100Y44',
      qa_approved_at: '2024-02-30',
      credit_limit: -5,
      cold_chain: 'maybe',
    };
    const e = await httpError(() => api.dp.create('customers', { data: bad }));
    expect(e.status).toBe(400);
    expect(e.body).toEqual(
      body(ZH, {
        type: '不是允许的取值：hospital（可选：药品批发企业、药品零售企业、医疗机构、医疗器械经营企业、其他合法单位、个人）',
        credit_code: '统一社会信用代码无效（应为18位且校验位正确）',
        qa_approved_at: '日期格式应为 YYYY-MM-DD',
        credit_limit: '不能为负数',
        cold_chain: '应为 是/否',
      }),
    );
    const en = await httpError(() => api.dpEn.create('customers', { data: { ...bad, credit_limit: 'lots' } }));
    expect(en.body).toEqual(
      body(EN, {
        type: 'Not an allowed value: hospital (allowed: Drug wholesaler, Drug retailer, Medical institution, Device dealer, Other legal entity, Individual)',
        credit_code: 'Invalid unified social credit code (18 characters with a valid check digit)',
        qa_approved_at: 'Date must be YYYY-MM-DD',
        credit_limit: 'Must be a number',
        cold_chain: 'Must be yes/no',
      }),
    );
    const s = await httpError(() => api.dp.create('salespeople', { data: { name: '孙八', id_no: '110101199003074690', contract_end: '2025/12/31' } }));
    expect(s.body).toEqual(body(ZH, { id_no: '身份证号无效（应为18位且校验位正确）', contract_end: '日期格式应为 YYYY-MM-DD' }));
    const sEn = await httpError(() => api.dpEn.create('salespeople', { data: { name: '孙八', id_no: '12345' } }));
    expect(sEn.body.errors.id_no).toBe('Invalid ID number (18 characters with a valid check digit)');
    const u = await httpError(() => api.dp.create('users', { data: { username: 'x1', display_name: 'x', roles: ['boss'], password: 'short' } }));
    expect(u.body.errors).toEqual({
      roles: '不是允许的取值：boss（可选：系统管理员、销售员、销售部负责人、销售副总、总经理、质管部、储运部/库管员、复核员、财务部、售后服务、办公室、只读）',
      password: '密码至少 10 位',
      root: { serverError: ZH },
    });
    const l = await httpError(() =>
      api.dp.create('customer_licenses', { data: { customer: 'abc', kind: 'business', number: 'N', scope: ['中成药', '保健品'] } }),
    );
    expect(l.body.errors).toEqual({ customer: '应为所引用记录的 ID', scope: '不在经营范围类别中：保健品', root: { serverError: ZH } });
    // nothing was written by any of these
    expect((await list(api.dp, 'customers', { q: '坏数据' })).total).toBe(0);
    expect((await list(api.dp, 'salespeople', { q: '孙八' })).total).toBe(0);
  });

  test('natural keys: a second live customer with the same name or credit code is refused; voiding frees the key', async () => {
    const first = await create('customers', customerBody('同名药业', { credit_code: CREDIT_CODES[2] }));
    const e = await httpError(() => api.dp.create('customers', { data: customerBody('同名药业') }));
    expect(e.status).toBe(400);
    expect(e.body).toEqual(body(ZH, { name: `已存在相同单位名称的记录（ID ${first.id}）` }));
    const en = await httpError(() => api.dpEn.create('customers', { data: customerBody('别名药业', { credit_code: CREDIT_CODES[2] }) }));
    expect(en.body.errors).toEqual({ credit_code: `A record with the same Unified credit code already exists (id ${first.id})`, root: { serverError: EN } });
    // an update into a duplicate is refused too
    const other = await create('customers', customerBody('异名药业'));
    const u = await httpError(() => api.dp.update('customers', { id: other.id, data: { ...other, name: '同名药业' }, previousData: other }));
    expect(u.body.errors.name).toBe(`已存在相同单位名称的记录（ID ${first.id}）`);
    // after voiding the first, the name and credit code are free
    await api.dp.delete('customers', { id: first.id, previousData: first });
    const second = await create('customers', customerBody('同名药业', { credit_code: CREDIT_CODES[2] }));
    expect(second.id).not.toBe(first.id);
    // composite key: batch number per product
    const p = await create('products', {
      generic_name: '布洛芬缓释胶囊',
      spec: '0.3g*20粒',
      unit: '盒',
      manufacturer: '中美史克',
      approval_no: '国药准字H10900089',
      scope_category: '化学药制剂',
    });
    const p2 = await create('products', {
      generic_name: '布洛芬混悬液',
      spec: '100ml',
      unit: '瓶',
      manufacturer: '强生',
      approval_no: '国药准字H19991011',
      scope_category: '化学药制剂',
    });
    const b = await create('batches', { product: p.id, batch_no: 'X1' });
    const dup = await httpError(() => api.dp.create('batches', { data: { product: p.id, batch_no: 'X1' } }));
    const m = `已存在相同通用名称 + 批号的记录（ID ${b.id}）`;
    expect(dup.body.errors).toEqual({ product: m, batch_no: m, root: { serverError: ZH } });
    expect((await create('batches', { product: p2.id, batch_no: 'X1' })).batch_no).toBe('X1');
  });

  test('a reference to a missing or voided record → 400 on that field', async () => {
    const e = await httpError(() => api.dp.create('customer_licenses', { data: { customer: 999999, kind: 'business', number: 'N1' } }));
    expect(e.status).toBe(400);
    expect(e.body).toEqual(body(ZH, { customer: '引用的购货单位记录不存在（ID 999999）' }));
    const c = await create('customers', customerBody('已作废药店'));
    await api.dp.delete('customers', { id: c.id, previousData: c });
    const v = await httpError(() => api.dp.create('customer_licenses', { data: { customer: c.id, kind: 'business', number: 'N1' } }));
    expect(v.body).toEqual(body(ZH, { customer: `引用的购货单位记录已作废（ID ${c.id}）` }));
    const en = await httpError(() => api.dpEn.create('batches', { data: { product: 999999, batch_no: 'B' } }));
    expect(en.body.errors.product).toBe('The referenced Products record does not exist (id 999999)');
    const live = await create('customers', customerBody('正常药店'));
    const lic = await create('customer_licenses', { customer: live.id, kind: 'business', number: 'N2' });
    const u = await httpError(() => api.dp.update('customer_licenses', { id: lic.id, data: { ...lic, customer: c.id }, previousData: lic }));
    expect(u.body.errors.customer).toBe(`引用的购货单位记录已作废（ID ${c.id}）`);
    expect((await getOne('customer_licenses', lic.id)).customer).toBe(live.id);
  });

  test('malformed JSON bodies → 400', async () => {
    for (const [method, path] of [
      ['POST', '/customers'],
      ['PUT', '/customers/1'],
      ['DELETE', '/customers/1'],
    ] as const) {
      for (const raw of ['{"name":', '[1,2]', '"text"']) {
        const res = await api.http(path, { method, body: raw, headers: { 'Content-Type': 'application/json' } });
        expect(res.status, `${method} ${raw}`).toBe(400);
        expect(await res.json()).toEqual({ message: '请求内容不是有效的 JSON' });
      }
    }
    const en = await api.http('/customers', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en-US,en;q=0.9' },
    });
    expect(await en.json()).toEqual({ message: 'The request body is not valid JSON' });
  });
});

describe('resources the API refuses to write', () => {
  test('audit_log, findings, imports and import_rejects refuse POST/PUT/DELETE with 403', async () => {
    for (const res of ['audit_log', 'findings', 'imports', 'import_rejects']) {
      // POST /api/imports is the file upload (test/imports): without a file it is a 400, not a record create.
      if (res !== 'imports') {
        const post = await httpError(() => api.dp.create(res, { data: { rule: 'X' } }));
        expect(post.status, `POST ${res}`).toBe(403);
        expect(post.message).toBe(`${res} 为只读，不能通过接口修改`);
      }
      expect((await httpError(() => api.dp.update(res, { id: 1, data: { reason: 'x' }, previousData: { id: 1 } }))).status, `PUT ${res}`).toBe(403);
      expect((await httpError(() => api.dp.delete(res, { id: 1, previousData: { id: 1 } }))).status, `DELETE ${res}`).toBe(403);
      const en = await httpError(() => api.dpEn.delete(res, { id: 1, previousData: { id: 1 } }));
      expect(en.message).toBe(`${res} is read-only through the API`);
    }
    // ... and they stay readable
    expect((await list(api.dp, 'audit_log')).total).toBeGreaterThan(0);
    const findings = await list(api.dp, 'findings');
    expect(findings.total).toBe(findings.data.length); // readable (its content belongs to the rules)
  });

  test('unknown resources → 404 for every method', async () => {
    expect((await httpError(() => api.dp.create('nope', { data: {} }))).status).toBe(404);
    expect((await httpError(() => api.dp.update('nope', { id: 1, data: {}, previousData: { id: 1 } }))).status).toBe(404);
    expect((await httpError(() => api.dp.delete('nope', { id: 1, previousData: { id: 1 } }))).status).toBe(404);
    expect((await httpError(() => api.dp.getOne('nope', { id: 1 }))).status).toBe(404);
  });
});
