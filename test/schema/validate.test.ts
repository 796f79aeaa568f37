/** schema/validate.ts: the one place that turns client input into column values, against the real registry. */
import { describe, expect, test } from 'vitest';
import { registry } from '../../schema/resources';
import { LIST_SEPARATORS } from '../../schema/text/list';
import { isValidDate, parseRecord, type ParseOptions } from '../../schema/validate';

const R = (name: string) => registry.get(name)!;
const zhCreate: ParseOptions = { lang: 'zh', mode: 'create' };
const zhUpdate: ParseOptions = { lang: 'zh', mode: 'update' };
const customer = { name: '测试药店', type: 'retailer', region: '湖北省武汉市' };

describe('isValidDate', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-04-31', false],
    ['2025-4-1', false],
    ['20250401', false],
    ['2025-04-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (s, ok) => expect(isValidDate(s)).toBe(ok));
});

describe('parseRecord: presence', () => {
  test('create: required fields, defaults excuse them, unknown and system keys ignored', () => {
    expect(parseRecord(R('customers'), {}, zhCreate)).toEqual({
      values: {},
      errors: { name: '必填项，请填写', type: '必填项，请填写', region: '必填项，请填写' },
    });
    const r = parseRecord(R('customers'), { ...customer, id: 5, version: 3, created_by: 9, voided_at: 'x', nonsense: 1 }, zhCreate);
    expect(r).toEqual({ values: customer, errors: {} });
  });

  test('historical records may lack the legacy required fields, not the others', () => {
    const r = parseRecord(R('customers'), { name: '旧台账客户' }, { ...zhCreate, historical: true });
    expect(r).toEqual({ values: { name: '旧台账客户' }, errors: {} });
    expect(parseRecord(R('customers'), { type: 'retailer' }, { ...zhCreate, historical: true }).errors).toEqual({ name: '必填项，请填写' });
    expect(parseRecord(R('sales_lines'), { order: 1, product: 2, quantity: 1, unit_price: 1, amount: 1 }, { ...zhCreate, historical: true }).errors).toEqual(
      {},
    );
    expect(parseRecord(R('sales_lines'), { order: 1, product: 2, quantity: 1, unit_price: 1, amount: 1 }, zhCreate).errors).toEqual({
      batch: '必填项，请填写',
    });
  });

  test('update: only the keys sent; an emptied optional field becomes null ([] for lists), an emptied required one is an error', () => {
    expect(parseRecord(R('customers'), { address: '  ', cold_chain: null }, zhUpdate)).toEqual({ values: { address: null, cold_chain: null }, errors: {} });
    expect(parseRecord(R('customers'), { name: '' }, zhUpdate).errors).toEqual({ name: '必填项，请填写' });
    expect(parseRecord(R('customer_licenses'), { scope: [] }, zhUpdate).values).toEqual({ scope: [] });
    expect(parseRecord(R('customer_licenses'), { scope: '' }, zhUpdate).values).toEqual({ scope: [] });
    expect(parseRecord(R('users'), { password: '' }, zhUpdate)).toEqual({ values: {}, errors: {} }); // an empty password keeps the old one
  });

  test('read-only and derived fields are never taken from the client', () => {
    const r = parseRecord(
      R('sales_lines'),
      { order: 1, product: 2, batch: 3, quantity: 1, unit_price: 2, amount: 2, sale_date: '2020-01-01', customer: 9 },
      zhCreate,
    );
    expect(r).toEqual({ values: { order: 1, product: 2, batch: 3, quantity: 1, unit_price: 2, amount: 2 }, errors: {} });
    expect(parseRecord(R('users'), { failed_logins: 0, locked_until: '2030-01-01' }, zhUpdate).values).toEqual({});
    expect(parseRecord(R('recall_notices'), { quantity_sold: 100 }, zhUpdate).values).toEqual({});
  });
});

describe('parseRecord: kinds', () => {
  const one = (res: string, key: string, v: unknown, lang: 'zh' | 'en' = 'zh') => {
    const r = parseRecord(R(res), { [key]: v }, { lang, mode: 'update' });
    return key in r.errors ? { error: r.errors[key] } : { value: r.values[key] };
  };

  test('text: trimmed, numbers accepted as text, other types refused', () => {
    expect(one('customers', 'name', '  汉口药店 ')).toEqual({ value: '汉口药店' });
    expect(one('customers', 'contact_phone', 13800138000)).toEqual({ value: '13800138000' });
    expect(one('customers', 'name', true)).toEqual({ error: '应为文本' });
    expect(one('customers', 'name', { a: 1 }, 'en')).toEqual({ error: 'Must be text' });
  });

  test('credit code and ID number: checked, upper-cased', () => {
    expect(one('customers', 'credit_code', ' 91350100m000100y43 ')).toEqual({ value: '91350100M000100Y43' });
    expect(one('customers', 'credit_code', '91350100M000100Y44')).toEqual({ error: '统一社会信用代码无效（应为18位且校验位正确）' });
    expect(one('customer_agents', 'id_no', '11010519491231002x')).toEqual({ value: '11010519491231002X' });
    expect(one('salespeople', 'id_no', '110101199003074690', 'en')).toEqual({ error: 'Invalid ID number (18 characters with a valid check digit)' });
  });

  test('int, ref, number, money', () => {
    expect(one('contracts', 'payment_days', '30')).toEqual({ value: 30 });
    expect(one('contracts', 'payment_days', 1.5)).toEqual({ error: '应为整数' });
    expect(one('customer_licenses', 'customer', '7')).toEqual({ value: 7 });
    for (const bad of [0, -1, 'x', 1.5]) expect(one('customer_licenses', 'customer', bad)).toEqual({ error: '应为所引用记录的 ID' });
    expect(one('trainings', 'hours', '2.5')).toEqual({ value: 2.5 });
    expect(one('trainings', 'hours', '2,5')).toEqual({ error: '应为数字' });
    expect(one('trainings', 'hours', -1, 'en')).toEqual({ error: 'Must not be negative' });
    expect(one('trainings', 'hours', Infinity)).toEqual({ error: '应为数字' });
    expect(one('customers', 'credit_limit', 1234.5678)).toEqual({ value: 1234.57 });
    expect(one('customers', 'credit_limit', '0.125')).toEqual({ value: 0.13 });
  });

  test('date and datetime', () => {
    expect(one('customers', 'qa_approved_at', '2025-06-30')).toEqual({ value: '2025-06-30' });
    expect(one('customers', 'qa_approved_at', '2025-06-30T00:00:00.000Z')).toEqual({ value: '2025-06-30' });
    expect(one('customers', 'qa_approved_at', '2025/06/30')).toEqual({ error: '日期格式应为 YYYY-MM-DD' });
    // only a real timestamp gives its date part, not any text that happens to start with a date
    for (const bad of ['2025-06-30garbage', '2025-06-30 and more', '2025-06-30T99:99', '2025-06-301']) {
      expect(one('customers', 'qa_approved_at', bad), bad).toEqual({ error: '日期格式应为 YYYY-MM-DD' });
    }
    expect(one('customers', 'qa_approved_at', 20250630, 'en')).toEqual({ error: 'Date must be YYYY-MM-DD' });
    expect(one('special_checks', 'verified_at', '2025-06-30T10:00:00+08:00')).toEqual({ value: '2025-06-30T02:00:00.000Z' });
    expect(one('special_checks', 'verified_at', '2025-06-30')).toEqual({ value: '2025-06-30' });
    expect(one('special_checks', 'verified_at', 'yesterday')).toEqual({ error: '时间格式无效' });
  });

  test('bool', () => {
    for (const [v, b] of [
      [true, true],
      [false, false],
      [1, true],
      [0, false],
      ['1', true],
      ['0', false],
      ['true', true],
      ['false', false],
    ] as const) {
      expect(one('customers', 'cold_chain', v)).toEqual({ value: b });
    }
    expect(one('customers', 'cold_chain', 'yes')).toEqual({ error: '应为 是/否' });
    expect(one('customers', 'cold_chain', 2, 'en')).toEqual({ error: 'Must be yes/no' });
  });

  test('enum: English keys only; the error lists the labels of the language', () => {
    expect(one('batches', 'status', 'recalled')).toEqual({ value: 'recalled' });
    expect(one('batches', 'status', '召回')).toEqual({ error: '不是允许的取值：召回（可选：合格、待验/暂停、不合格、召回）' });
    expect(one('batches', 'status', 'gone', 'en')).toEqual({
      error: 'Not an allowed value: gone (allowed: Qualified, Quarantined / on hold, Nonconforming, Recalled)',
    });
  });

  test('list: arrays or separated text, trimmed and de-duplicated; vocabulary and enum members checked', () => {
    expect(one('customer_licenses', 'scope', ' 中成药、化学药制剂，中成药;生物制品 ')).toEqual({ value: ['中成药', '化学药制剂', '生物制品'] });
    expect(one('customer_licenses', 'scope', ['中成药', ' 疫苗 '])).toEqual({ value: ['中成药', '疫苗'] });
    expect(one('customer_licenses', 'scope', '中成药、保健食品')).toEqual({ error: '不在经营范围类别中：保健食品' });
    expect(one('customer_licenses', 'scope', [1, 2])).toEqual({ error: '应为列表' });
    expect(one('customer_licenses', 'scope', 5, 'en')).toEqual({ error: 'Must be a list' });
    expect(one('users', 'roles', 'qa；sales')).toEqual({ value: ['qa', 'sales'] });
    expect(one('products', 'special_control', ['codeine', 'heroin'], 'en')).toEqual({
      error: 'Not an allowed value: heroin (allowed: Ephedrine compound, Codeine oral solution, Other special-drug compound)',
    });
    expect(one('authorizations', 'regions', '湖北省/湖南省长沙市\n广东省')).toEqual({ value: ['湖北省', '湖南省长沙市', '广东省'] });
    expect('a、b，c,d;e；f/g\nh'.split(LIST_SEPARATORS)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  test('password: at least 10 characters', () => {
    expect(one('users', 'password', 'short')).toEqual({ error: '密码至少 10 位' });
    expect(one('users', 'password', 'long-enough-1')).toEqual({ value: 'long-enough-1' });
  });

  test('json passes through', () => {
    expect(one('settings', 'value', { days: 30 })).toEqual({ value: { days: 30 } });
  });
});
