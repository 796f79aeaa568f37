/**
 * Cross-check against the shared samples: master data and the UTF-8 legacy ledger are resolved the simple
 * way (names and natural keys), then the sales-line and outbound-slip rules run on every row as of
 * expected.json's date. Planted rows must get their rules (and no others unless allowed); clean rows none.
 * This pins the rules' reading of RULES.md to the sample expectations; the importer does the real work.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  AGENT_ROLE,
  APPROVAL_ROLE,
  BATCH_STATUS,
  COMPANY_LICENSE_KIND,
  CONTRACT_STATUS,
  CUSTOMER_LICENSE_KIND,
  CUSTOMER_TYPE,
  DEVICE_CLASS,
  PAYMENT_METHOD,
  PRODUCT_KIND,
  QA_STATUS,
  SPECIAL_CONTROL,
  STORAGE,
  type EnumDef,
} from '../../../schema/enums';
import {
  createMemoryContext,
  evaluate,
  type BatchRow,
  type Loose,
  type MemoryRow,
  type CustomerRow,
  type OutboundSlipRow,
  type ProductRow,
  type SaleLineView,
} from '../../../schema/rules';
import { SAMPLES_DIR } from '../../helpers/shared';

const DIR = process.env.GSP_SAMPLES ?? SAMPLES_DIR;
const present = fs.existsSync(path.join(DIR, 'expected.json'));

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  Papa.parse<Row>(fs.readFileSync(path.join(DIR, file), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
const key = <K extends string>(e: EnumDef<K>, label: string): K | null => (label ? (e.values.find((k) => e.labels[k][0] === label.trim()) ?? null) : null);
const v = (s: string | undefined) => (s == null || s.trim() === '' ? null : s.trim());
const num = (s: string | undefined) => (v(s) === null ? null : Number(s));
const yes = (s: string | undefined) => (v(s) === null ? null : s!.trim() === '是');

function load() {
  const customers: MemoryRow<CustomerRow>[] = read('customers.csv').map((r, i) => ({
    id: i + 1,
    name: r['单位名称'],
    type: key(CUSTOMER_TYPE, r['单位类型']),
    region: v(r['所在地区']),
    address: v(r['地址']),
    contact_phone: v(r['联系电话']),
    qa_status: key(QA_STATUS, r['首营审核状态']),
    qa_approved_at: v(r['首营审核日期']),
    credit_reviewed_at: v(r['信誉审核日期']),
    storage_reviewed_at: v(r['储存条件审核日期']),
    cold_chain: yes(r['具备冷链']),
    service_point: yes(r['定点服务单位']),
  }));
  const custId = (name: string) => customers.find((c) => c.name === name.trim())?.id;
  const salespeople = read('salespeople.csv').map((r, i) => ({
    id: i + 1,
    name: r['姓名'],
    id_no: v(r['身份证号']),
    contract_start: v(r['劳动合同起']),
    contract_end: v(r['劳动合同止']),
    permit_no: v(r['上岗证号']),
    permit_valid_to: v(r['上岗证有效期至']),
  }));
  const products: MemoryRow<ProductRow>[] = read('products.csv').map((r, i) => ({
    id: i + 1,
    kind: key(PRODUCT_KIND, r['类别']),
    generic_name: r['通用名称'],
    trade_name: v(r['商品名']),
    dosage_form: v(r['剂型']),
    spec: v(r['规格']),
    manufacturer: v(r['生产厂商']),
    manufacturer_license: v(r['生产许可证号']),
    approval_no: v(r['批准文号']),
    scope_category: v(r['经营范围类别']),
    device_class: key(DEVICE_CLASS, r['器械类别']),
    special_control: v(r['特殊管理']) ? [key(SPECIAL_CONTROL, r['特殊管理'])!] : [],
    storage: key(STORAGE, r['储存条件']),
    sterile_single_use: yes(r['一次性使用无菌']),
    price_cap: num(r['最高限价']),
    price_min: num(r['限价下限']),
    price_max: num(r['限价上限']),
    qa_status: key(QA_STATUS, r['首营审核状态']),
  }));
  const productId = (approval: string, spec: string) => products.find((p) => p.approval_no === approval.trim() && p.spec === spec.trim())?.id;
  const batches: MemoryRow<BatchRow>[] = read('batches.csv').map((r, i) => ({
    id: i + 1,
    product: productId(r['批准文号'], r['规格']),
    batch_no: r['批号'],
    expiry_date: v(r['有效期至']),
    sterilization_batch: v(r['灭菌批号']),
    status: key(BATCH_STATUS, r['质量状态']),
  }));
  return {
    asOf: '',
    customers,
    salespeople,
    products,
    batches,
    custId,
    productId,
    companyLicenses: read('company_licenses.csv').map((r, i) => ({
      id: i + 1,
      kind: key(COMPANY_LICENSE_KIND, r['证照类型'])!,
      number: r['证号'],
      scope: v(r['经营范围']),
      valid_from: v(r['有效期起']),
      valid_to: v(r['有效期至']),
    })),
    customerLicenses: read('customer_licenses.csv').map((r, i) => ({
      id: i + 1,
      customer: custId(r['单位名称'])!,
      kind: key(CUSTOMER_LICENSE_KIND, r['证照类型'])!,
      number: r['证号'],
      scope: v(r['经营范围']),
      valid_from: v(r['有效期起']),
      valid_to: v(r['有效期至']),
    })),
    customerAgents: read('customer_agents.csv').map((r, i) => ({
      id: i + 1,
      customer: custId(r['单位名称'])!,
      name: r['姓名'],
      role: key(AGENT_ROLE, r['身份'])!,
      id_no: v(r['身份证号']),
      phone: v(r['联系电话']),
      attorney_valid_to: v(r['法人委托书有效期至']),
      id_copy: yes(r['身份证复印件']),
    })),
    authorizations: read('authorizations.csv').map((r, i) => ({
      id: i + 1,
      document_no: r['授权书编号'],
      salesperson: salespeople.find((s) => s.name === r['销售人员'])!.id,
      varieties: r['授权品种'],
      regions: r['授权地域'],
      valid_from: r['授权起'],
      valid_to: r['授权止'],
      sealed: yes(r['加盖公章及法定代表人印章']),
    })),
    contracts: read('contracts.csv').map((r, i) => ({
      id: i + 1,
      contract_no: r['合同编号'],
      customer: custId(r['单位名称']),
      amount: num(r['合同金额']),
      signed_at: v(r['签订日期']),
      payment_method: key(PAYMENT_METHOD, r['付款方式']),
      payment_days: num(r['付款期限(天)']),
      status: key(CONTRACT_STATUS, r['状态']),
      approved_by: v(r['审批人']),
      approved_role: key(APPROVAL_ROLE, r['审批级别']),
      approved_at: v(r['审批日期']),
    })),
  };
}

describe.skipIf(!present)('the shared sample ledger', () => {
  const expected = present ? JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) : null;
  const exp = expected?.ledgers['ledger-utf8.csv'];

  it('gets the planted findings, and nothing on clean rows', () => {
    const m = load();
    const ctx = createMemoryContext({ ...m, asOf: expected.asOf });
    const orders = new Map<string, number>();
    const got = new Map<number, Set<string>>();
    read('ledger-utf8.csv').forEach((r, i) => {
      const row = i + 2;
      if (exp.rejected.includes(row)) return;
      let customer = m.custId(r['购货单位']);
      if (!customer) {
        customer = 1000 + row;
        ctx.add('customers', { id: customer, name: r['购货单位'].trim(), type: null, region: null, qa_status: 'pending' });
      }
      const product = m.productId(r['批准文号'], r['规格'])!;
      const batch = v(r['批号']) ? m.batches.find((b) => b.product === product && b.batch_no === r['批号'])?.id : null;
      if (batch && v(r['灭菌批号'])) ctx.add('batches', { ...ctx.batch(batch)!, sterilization_batch: r['灭菌批号'] });
      const order = orders.get(r['单据编号']) ?? orders.size + 1;
      orders.set(r['单据编号'], order);
      const slip: Loose<OutboundSlipRow> = {
        id: row,
        slip_no: `${r['单据编号']}-${row}`,
        order,
        outbound_date: v(r['出库日期']),
        picked_by: v(r['库管员']),
        reviewed_by: v(r['复核员']),
        receipt_confirmed_at: v(r['收货确认日期']),
        arrival_verified_at: v(r['到货核实日期']),
      };
      ctx.add('lines', { id: row, order, product, batch, quantity: num(r['数量']), unit_price: num(r['单价']), amount: num(r['金额']) });
      const line: SaleLineView = {
        id: row,
        order,
        order_no: r['单据编号'],
        sale_date: v(r['销售日期']),
        customer,
        salesperson: m.salespeople.find((s) => s.name === r['业务员'])?.id ?? null,
        contract: m.contracts.find((c) => c.contract_no === r['合同号'])?.id ?? null,
        payment_method: key(PAYMENT_METHOD, r['付款方式']),
        product,
        batch,
        quantity: num(r['数量']),
        unit_price: num(r['单价']),
        amount: num(r['金额']),
        price_approved_by: v(r['超限价审批人']),
        handler: v(r['经办人']),
        responsible: v(r['负责人']),
        outbounds: [slip],
        invoices: v(r['发票号']) ? [{ invoice_no: r['发票号'], invoice_date: v(r['销售日期']) }] : [],
        special_check: v(r['特药核实日期']) ? { verified_at: r['特药核实日期'], verified_by: v(r['核实人']) } : null,
      };
      const codes = [...evaluate('sales_lines', line, ctx), ...evaluate('outbound_slips', slip, ctx)].map((f) => f.code);
      got.set(row, new Set(codes));
    });

    const problems: string[] = [];
    for (const row of exp.clean as number[]) {
      const codes = [...(got.get(row) ?? [])];
      if (codes.length > 0) problems.push(`clean row ${row}: ${codes.join(', ')}`);
    }
    for (const [rowS, p] of Object.entries(exp.planted as Record<string, { rules: string[]; allowExtra: boolean | string[]; forbid: string[] }>)) {
      const codes = got.get(Number(rowS)) ?? new Set<string>();
      const label = `row ${rowS} (${exp.scenarios[rowS]})`;
      const missing = p.rules.filter((c) => !codes.has(c));
      if (missing.length) problems.push(`${label}: missing ${missing.join(', ')}; got ${[...codes].join(', ')}`);
      const forbidden = p.forbid.filter((c) => codes.has(c));
      if (forbidden.length) problems.push(`${label}: forbidden ${forbidden.join(', ')}`);
      if (p.allowExtra !== true) {
        const allowed = new Set([...p.rules, ...(Array.isArray(p.allowExtra) ? p.allowExtra : [])]);
        const extra = [...codes].filter((c) => !allowed.has(c));
        if (extra.length) problems.push(`${label}: extra ${extra.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
