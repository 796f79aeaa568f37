import { describe, expect, it } from 'vitest';
import { detectHeader } from '../../imports/headers/detect';
import { isFooterRow, isNoteRow, isRepeatedHeader } from '../../imports/headers/footer';
import { getKind, importKinds } from '../../imports/headers/kinds';
import { LEDGER_FIELDS } from '../../imports/headers/ledger-fields';
import { mapHeaders } from '../../imports/headers/map';
import { normalizeHeader } from '../../imports/headers/normalize-header';
import { readTable } from '../../imports/headers/table';
import type { Cell, SheetRow } from '../../schema/files/cells';

const kind = (k: string) => getKind(k)!;
async function* batches(rows: SheetRow[]) {
  yield rows;
}
const rowsOf = (...lines: Cell[][]): SheetRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('normalizeHeader', () => {
  it('trims, folds width, drops spaces, bracketed notes, required marks and colons; lower-cases Latin', () => {
    expect(normalizeHeader(' 销售金额（元） ')).toBe('销售金额');
    expect(normalizeHeader('销售金额(元)')).toBe('销售金额');
    expect(normalizeHeader('单 据\n编 号')).toBe('单据编号');
    expect(normalizeHeader('*单位名称【必填】')).toBe('单位名称');
    expect(normalizeHeader('批号/序列号')).toBe('批号/序列号');
    expect(normalizeHeader('ＡＰＰＲＯＶＡＬ　ＮＯ.')).toBe('approvalno.');
    expect(normalizeHeader('付款期限(天)：')).toBe('付款期限');
  });
});

describe('kinds', () => {
  it('every registry resource and sales-ledger is a kind; labels never collide within a kind', () => {
    const kinds = importKinds();
    expect(kinds).toContain('customers');
    expect(kinds).toContain('sales-ledger');
    for (const k of kinds) {
      const info = kind(k);
      for (const [name, cands] of info.index) {
        const labels = cands.filter((c) => c.rank === 0);
        expect(labels.length, `${k}: ${name}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('the ledger table of DOMAIN.md is there in full', () => {
    expect(LEDGER_FIELDS).toHaveLength(35);
    const ledger = kind('sales-ledger');
    expect(ledger.index.get('票据号')?.[0].key).toBe('order_no');
    expect(ledger.index.get('价税合计')?.[0].key).toBe('amount');
    expect(ledger.index.get('批号/序列号')?.[0].key).toBe('batch_no');
  });

  it('references accept the natural keys of their target', () => {
    const batches = kind('batches');
    expect(batches.index.get('通用名称')?.[0].key).toBe('product');
    expect(batches.index.get('品名')?.[0].key).toBe('product');
    expect(batches.index.get('批准文号')?.[0].key).toBe('product.approval_no');
    const licences = kind('customer_licenses');
    expect(licences.index.get('客户名称')?.[0].key).toBe('customer');
    expect(licences.index.get('统一社会信用代码')?.[0].key).toBe('customer.credit_code');
  });
});

describe('mapHeaders', () => {
  it('label before alias, one column per field, unmapped and duplicates reported', () => {
    const m = mapHeaders(['日期', '销售日期', '客户名称', '备注', '备注', '颜色', null, '数量（盒）'], kind('sales-ledger'));
    expect(m.mapping).toEqual({ 销售日期: 'sale_date', 客户名称: 'customer', '备注 (D)': 'remark', '数量（盒）': 'quantity' });
    expect(m.unmapped).toEqual(['日期', '备注 (E)', '颜色']);
    expect(m.columns.find((c) => c.header === '日期')!.via).toBe('duplicate');
    expect(m.score).toBe(4);
  });

  it('English labels and keys are accepted', () => {
    const m = mapHeaders(['Name', 'credit_code', 'Contact phone'], kind('customers'));
    expect(m.mapping).toEqual({ Name: 'name', credit_code: 'credit_code', 'Contact phone': 'contact_phone' });
  });

  it('a saved preset overrides the aliases and can ignore a column', () => {
    const m = mapHeaders(['往来单位', '日期', '摘要'], kind('sales-ledger'), { 往来单位: 'customer', 日期: null, 摘要: 'remark' });
    expect(m.mapping).toEqual({ 往来单位: 'customer', 摘要: 'remark' });
    expect(m.unmapped).toEqual([]);
    expect(m.columns.map((c) => c.via)).toEqual(['preset', 'ignored', 'preset']);
  });
});

describe('detectHeader and footers', () => {
  it('skips title and group rows; takes the row that maps best', () => {
    const rows = rowsOf(
      ['湖北某医药有限公司 药品销售记录'],
      ['制表日期：2025-06-30', null, null, '金额单位：元'],
      ['单据编号', '销售日期', '购货单位', '数量'],
      ['XS1', '2024-01-01', '某医院', '1'],
    );
    const h = detectHeader(rows, kind('sales-ledger'))!;
    expect(h.headerRow).toBe(3);
    expect(h.score).toBe(4);
  });

  it('two-row headers: a blank header cell under a group row takes the group row’s field name', () => {
    const rows = rowsOf(['单据编号', '购货单位', '商品信息', null], [null, null, '通用名称', '数量'], ['XS1', '某医院', '阿莫西林', '2']);
    const h = detectHeader(rows, kind('sales-ledger'))!;
    expect(h.headerRows).toEqual([1, 2]);
    expect(h.mapping).toEqual({ 单据编号: 'order_no', 购货单位: 'customer', 通用名称: 'generic_name', 数量: 'quantity' });
  });

  it('no header in the first 20 rows → null', () => {
    expect(detectHeader(rowsOf(['a', 'b'], ['1', '2']), kind('customers'))).toBeNull();
  });

  it('footer, note and repeated-header rows', () => {
    expect(isFooterRow(['合计', null, 5])).toBe(true);
    expect(isFooterRow([null, '本页合计：', 5])).toBe(true);
    expect(isFooterRow(['小 计'])).toBe(true);
    expect(isFooterRow(['XS1', '合计医院'])).toBe(false);
    expect(isNoteRow(['制表人：张三', null, '审核：李四'])).toBe(true);
    expect(isRepeatedHeader(['单据编号', '销售日期', null], ['单据编号', '销售日期', '数量'])).toBe(true);
  });

  it('readTable: data rows keyed by field; footers, repeated headers and notes skipped and listed', async () => {
    const rows = rowsOf(
      ['单据编号', '购货单位', '数量'],
      ['XS1', '某医院', '1'],
      ['单据编号', '购货单位', '数量'],
      ['XS2', '某药店', '2'],
      ['小计', null, '3'],
      ['XS3', '某诊所', '4'],
      ['合计', null, '7'],
      ['制表人：张三'],
    );
    const t = await readTable(batches(rows), 'sales-ledger');
    const out = [];
    for await (const r of t.rows()) out.push([r.row, r.values]);
    expect(out).toEqual([
      [2, { order_no: 'XS1', customer: '某医院', quantity: '1' }],
      [4, { order_no: 'XS2', customer: '某药店', quantity: '2' }],
      [6, { order_no: 'XS3', customer: '某诊所', quantity: '4' }],
    ]);
    expect(t.skipped).toEqual([
      { row: 3, reason: 'repeated_header' },
      { row: 5, reason: 'footer' },
      { row: 7, reason: 'footer' },
      { row: 8, reason: 'note' },
    ]);
  });

  it('no rows at all → ImportFileError empty', async () => {
    expect((await readTable(batches([]), 'customers').catch((e) => e)).code).toBe('empty');
  });

  it('readTable without a header → ImportFileError no_header naming example columns', async () => {
    const err = await readTable(batches(rowsOf(['x'], ['y'])), 'customers').catch((e) => e);
    expect(err.code).toBe('no_header');
    expect(err.zh).toContain('单位名称');
  });
});
