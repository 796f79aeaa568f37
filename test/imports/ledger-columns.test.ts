/**
 * The ledger's columns come from the definitions of the fields they land in (schema/ledger.ts): a ledger and
 * an import of that resource accept the same headers, and DOMAIN.md's ledger table is still accepted in full.
 */
import { describe, expect, it } from 'vitest';
import { getKind } from '../../imports/headers/kinds';
import { LEDGER_FIELDS } from '../../imports/headers/ledger-fields';
import { normalizeHeader } from '../../imports/headers/normalize-header';
import { LEDGER_COLUMNS } from '../../schema/ledger';
import { registry } from '../../schema/resources';

/** DOMAIN.md's ledger table (field | header aliases), as the hand-kept mapping had it. */
const DOMAIN_TABLE: Record<string, string[]> = {
  order_no: ['单据编号', '销售单号', '单号', '出库单号', '票据号'],
  sale_date: ['销售日期', '日期', '开票日期', '单据日期'],
  outbound_date: ['出库日期', '发货日期'],
  customer: ['购货单位', '客户名称', '客户', '单位名称', '购货者', '收货单位'],
  customer_credit_code: ['统一社会信用代码', '信用代码'],
  generic_name: ['通用名称', '药品名称', '品名', '产品名称', '名称'],
  trade_name: ['商品名'],
  dosage_form: ['剂型'],
  spec: ['规格', '规格型号', '型号'],
  unit: ['单位'],
  manufacturer: ['生产厂商', '生产企业', '生产厂家', '厂家'],
  approval_no: ['批准文号', '注册证号', '注册证编号', '备案凭证编号'],
  batch_no: ['批号', '生产批号', '批号/序列号', '序列号'],
  production_date: ['生产日期'],
  expiry_date: ['有效期至', '有效期', '效期', '失效日期'],
  sterilization_batch: ['灭菌批号'],
  quantity: ['数量', '出库数量', '销售数量'],
  unit_price: ['单价', '销售单价', '含税单价'],
  amount: ['金额', '销售金额', '含税金额', '价税合计'],
  salesperson: ['业务员', '销售员', '销售人员'],
  issued_by: ['开票员', '开票人'],
  picked_by: ['库管员', '发货人', '保管员'],
  reviewed_by: ['复核员', '复核人'],
  receipt_confirmed_at: ['收货确认日期', '到货确认'],
  invoice_no: ['发票号', '发票号码'],
  invoice_type: ['发票类型'],
  payment_method: ['付款方式', '结算方式'],
  contract_no: ['合同号', '合同编号'],
  handler: ['经办人'],
  responsible: ['负责人'],
  special_verified_at: ['特药核实日期', '核实日期'],
  special_verified_by: ['核实人'],
  arrival_verified_at: ['到货核实日期'],
  price_approved_by: ['超限价审批人', '价格审批人'],
  remark: ['备注'],
};

describe('the sales-ledger columns', () => {
  const ledger = getKind('sales-ledger')!;

  it("are DOMAIN.md's table: every column, its template header first, every alias mapping to it", () => {
    expect(LEDGER_FIELDS.map((f) => f.key)).toEqual(Object.keys(DOMAIN_TABLE));
    for (const f of LEDGER_FIELDS) {
      expect(f.aliases[0], f.key).toBe(DOMAIN_TABLE[f.key][0]);
      for (const name of DOMAIN_TABLE[f.key]) expect(ledger.index.get(normalizeHeader(name))?.[0].key, `${name} → ${f.key}`).toBe(f.key);
    }
  });

  it('take label, aliases, kind and enum from the field they land in; the ledger adds only its own names', () => {
    for (const c of LEDGER_COLUMNS) {
      const [res, key] = c.field.split('.');
      const spec = registry.get(res)!.fields[key];
      const f = LEDGER_FIELDS.find((x) => x.key === c.key)!;
      expect(f.aliases, c.key).toEqual(expect.arrayContaining([spec.label[0], ...spec.aliases]));
      if (spec.kind !== 'ref') {
        expect(f.kind, c.key).toBe(spec.kind);
        expect(f.enum, c.key).toBe(spec.enum);
      }
      // nothing but the template header and the declared ledger-only names is the ledger's own
      const via = c.via ? registry.get(c.via.split('.')[0])!.fields[c.via.split('.')[1]] : undefined;
      const fromDefinitions = new Set([spec.label[0], ...spec.aliases, ...(via ? [via.label[0], ...via.aliases] : [])]);
      const own = f.aliases.filter((n) => !fromDefinitions.has(n));
      expect(own, c.key).toEqual([...new Set([...(c.header && !fromDefinitions.has(c.header[0]) ? [c.header[0]] : []), ...(c.aliases ?? [])])]);
    }
  });

  it("one alias list: each header a ledger takes from a definition is taken by that resource's import too (厂家, 失效日期)", () => {
    for (const c of LEDGER_COLUMNS) {
      const [res, key] = c.field.split('.');
      const spec = registry.get(res)!.fields[key];
      const kind = getKind(res)!;
      for (const name of [spec.label[0], ...spec.aliases]) {
        expect(
          kind.index.get(normalizeHeader(name))?.map((x) => x.key),
          `${res}: ${name}`,
        ).toContain(key);
      }
    }
    expect(getKind('products')!.index.get('厂家')?.[0].key).toBe('manufacturer');
    expect(getKind('batches')!.index.get('失效日期')?.[0].key).toBe('expiry_date');
    expect(getKind('batches')!.index.get('批号/序列号')?.[0].key).toBe('batch_no');
    expect(getKind('sales_lines')!.index.get('价税合计')?.[0].key).toBe('amount');
  });
});
