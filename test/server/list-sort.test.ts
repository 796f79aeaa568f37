/**
 * Issue 13 item 5, the list API's order: Chinese names by pinyin (not code point), an optional date
 * ascending with the empty ones last (batches without expiry), signatures newest first by signing time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhSortKey } from '../../server/zh-sort';
import { list, startApi, type Api } from './api-client';

let api: Api;
const NAMES = ['赵氏药房', '阿里健康大药房', '北京同仁堂', '张仲景大药房', '武汉医药', '安徽华源', '50 号药店'];
const byPinyin = (names: string[]) => [...names].sort(new Intl.Collator('zh').compare);

beforeAll(async () => {
  api = await startApi();
  for (const name of NAMES) await api.dp.create('customers', { data: { name, type: 'retailer', region: '湖北省武汉市' } });
}, 60_000);
afterAll(() => api.server.close());

describe('list order', () => {
  it('sorts Chinese names by pinyin, both ways', async () => {
    const asc = await api.dp.getList('customers', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' }, filter: {} });
    const names = asc.data.map((c) => c.name as string).filter((n) => NAMES.includes(n));
    expect(names).toEqual(byPinyin(NAMES));
    expect(names.slice(0, 3)).toEqual(['50 号药店', '阿里健康大药房', '安徽华源']);
    const desc = await api.dp.getList('customers', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'DESC' }, filter: {} });
    expect(desc.data.map((c) => c.name as string).filter((n) => NAMES.includes(n))).toEqual(byPinyin(NAMES).reverse());
  });

  // per character: a word the collator reads specially (重庆 as chongqing) keeps its characters' order
  it('keys order digits, Chinese and Latin as the collator does', () => {
    const words = ['湖北', '长沙', '成都', 'ABC', '123', '张三', '章三', 'xyz'];
    expect([...words].sort((a, b) => (String(zhSortKey(a)) < String(zhSortKey(b)) ? -1 : 1))).toEqual(byPinyin(words));
  });

  it('puts batches without an expiry date after the dated ones when sorting by expiry ascending', async () => {
    const product = (
      await api.dp.create('products', {
        data: {
          kind: 'drug',
          generic_name: '阿莫西林胶囊',
          spec: '0.25g*24粒',
          unit: '盒',
          manufacturer: '华北制药',
          approval_no: '国药准字H13020541',
          scope_category: '抗生素制剂',
          storage: 'normal',
        },
      })
    ).data.id;
    for (const [batch_no, expiry_date] of [
      ['N1', null],
      ['D2', '2027-03-31'],
      ['D1', '2026-01-31'],
    ] as const) {
      await api.dp.create('batches', { data: { product, batch_no, expiry_date } });
    }
    const rows = (await list(api.dp, 'batches', { product }, ['expiry_date', 'ASC'])).data;
    expect(rows.map((b) => b.batch_no)).toEqual(['D1', 'D2', 'N1']);
  });
});
