/**
 * The bench database: realistic master data and N sales lines (default 1,000,000) in ~N/3.33 orders over
 * three years, written straight through better-sqlite3 prepared statements in big transactions. This is a
 * fixture, not the import path: the schema is the real one (openDb() migrates first), and the lines carry
 * sale_date/customer copied from their order exactly as the write service derives them.
 *
 * Deterministic (seeded PRNG). Reused when bench/out/<name>.json carries the same stamp; written to a temp
 * file and renamed only when complete, so an interrupted run never leaves a half-filled fixture behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createAdmin } from '../server/bootstrap';
import { fixedDayClock } from '../server/clock';
import { openDb, writerOf } from '../server/db';

/** Bump when the generated data changes shape (schema migrations are applied by openDb() on reuse). */
export const FIXTURE_VERSION = 1;

export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out');

export interface FixtureInfo {
  file: string;
  stamp: string;
  reused: boolean;
  seconds: number;
  counts: Record<string, number>;
  /** ids and texts the benchmarks draw their parameters from */
  customers: { id: number; name: string; lines: number }[];
  dateRange: [string, string];
  /** the fixture's `admin` password (random per fixture; bench/out/ is git-ignored) */
  adminPassword: string;
}

/** The business date the fixture's data ends on, and the bench's clock. */
export const FIXTURE_TODAY = '2025-06-30';

export interface FixtureOptions {
  lines: number;
  force?: boolean;
  log?: (s: string) => void;
}

// --- deterministic randomness ---------------------------------------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Zipf-like weights: a few big customers and best-selling products, a long tail. */
function zipfSampler(r: Rand, n: number, s = 0.9) {
  const cum: number[] = [];
  let sum = 0;
  for (let i = 1; i <= n; i++) cum.push((sum += 1 / i ** s));
  return () => {
    const x = r() * sum;
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// --- master data vocabularies ---------------------------------------------------------------------
const CITIES = [
  '杭州',
  '宁波',
  '温州',
  '嘉兴',
  '湖州',
  '绍兴',
  '金华',
  '衢州',
  '舟山',
  '台州',
  '丽水',
  '义乌',
  '慈溪',
  '余姚',
  '诸暨',
  '乐清',
  '瑞安',
  '海宁',
  '桐乡',
  '临海',
];
const HOSPITAL = [
  '市第一人民医院',
  '市中医院',
  '市妇幼保健院',
  '县人民医院',
  '市第二人民医院',
  '社区卫生服务中心',
  '镇卫生院',
  '口腔医院',
  '骨科医院',
  '眼科医院',
];
const PHARMACY = [
  '大药房有限公司',
  '康恩贝大药房',
  '同仁堂药店',
  '益丰大药房连锁',
  '老百姓大药房',
  '众安堂药店',
  '百姓缘大药房',
  '和济堂药房',
  '民生大药房',
  '华东大药房',
];
const WHOLESALE = ['医药有限公司', '医药批发有限公司', '医疗器械有限公司', '药业有限公司'];
const CLINIC = ['诊所', '门诊部', '医务室'];

/** Generic names; a few families (阿莫西林, 头孢, 布洛芬...) have several products like a real catalogue. */
const DRUGS: [string, string, string][] = [
  ['阿莫西林胶囊', '胶囊剂', '抗生素制剂'],
  ['阿莫西林克拉维酸钾片', '片剂', '抗生素制剂'],
  ['阿莫西林颗粒', '颗粒剂', '抗生素制剂'],
  ['注射用阿莫西林钠', '注射剂', '抗生素制剂'],
  ['头孢克肟胶囊', '胶囊剂', '抗生素制剂'],
  ['头孢呋辛酯片', '片剂', '抗生素制剂'],
  ['注射用头孢曲松钠', '注射剂', '抗生素制剂'],
  ['头孢氨苄胶囊', '胶囊剂', '抗生素制剂'],
  ['阿奇霉素片', '片剂', '抗生素制剂'],
  ['左氧氟沙星片', '片剂', '化学药制剂'],
  ['布洛芬缓释胶囊', '胶囊剂', '化学药制剂'],
  ['布洛芬混悬液', '口服溶液剂', '化学药制剂'],
  ['对乙酰氨基酚片', '片剂', '化学药制剂'],
  ['奥美拉唑肠溶胶囊', '胶囊剂', '化学药制剂'],
  ['雷贝拉唑钠肠溶片', '片剂', '化学药制剂'],
  ['盐酸二甲双胍片', '片剂', '化学药制剂'],
  ['格列美脲片', '片剂', '化学药制剂'],
  ['硝苯地平控释片', '片剂', '化学药制剂'],
  ['苯磺酸氨氯地平片', '片剂', '化学药制剂'],
  ['缬沙坦胶囊', '胶囊剂', '化学药制剂'],
  ['阿托伐他汀钙片', '片剂', '化学药制剂'],
  ['瑞舒伐他汀钙片', '片剂', '化学药制剂'],
  ['阿司匹林肠溶片', '片剂', '化学药制剂'],
  ['氯吡格雷片', '片剂', '化学药制剂'],
  ['复方甘草片', '片剂', '化学药制剂'],
  ['氨溴索口服溶液', '口服溶液剂', '化学药制剂'],
  ['氯雷他定片', '片剂', '化学药制剂'],
  ['蒙脱石散', '散剂', '化学药制剂'],
  ['维生素C片', '片剂', '化学药制剂'],
  ['葡萄糖注射液', '注射剂', '化学药制剂'],
  ['氯化钠注射液', '注射剂', '化学药制剂'],
  ['胰岛素注射液', '注射剂', '生物制品'],
  ['人血白蛋白', '注射剂', '生物制品'],
  ['连花清瘟胶囊', '胶囊剂', '中成药'],
  ['板蓝根颗粒', '颗粒剂', '中成药'],
  ['复方丹参滴丸', '滴丸剂', '中成药'],
  ['六味地黄丸', '丸剂', '中成药'],
  ['藿香正气水', '酊剂', '中成药'],
  ['感冒灵颗粒', '颗粒剂', '中成药'],
  ['银黄颗粒', '颗粒剂', '中成药'],
];
const DEVICES: [string, string][] = [
  ['一次性使用无菌注射器', '第三类医疗器械'],
  ['一次性使用输液器', '第三类医疗器械'],
  ['医用外科口罩', '第二类医疗器械'],
  ['医用脱脂棉', '第一类医疗器械'],
  ['电子血压计', '第二类医疗器械'],
  ['血糖试纸', '第二类医疗器械'],
  ['医用纱布块', '第一类医疗器械'],
];
const MAKERS = [
  '华北制药股份有限公司',
  '石药集团欧意药业有限公司',
  '珠海联邦制药股份有限公司',
  '浙江海正药业股份有限公司',
  '扬子江药业集团有限公司',
  '齐鲁制药有限公司',
  '华润双鹤药业股份有限公司',
  '江苏恒瑞医药股份有限公司',
  '广州白云山制药股份有限公司',
  '以岭药业股份有限公司',
];
const SPECS = ['0.25g*24粒', '0.5g*12片', '0.125g*20袋', '10ml*6支', '100ml:0.9g', '5mg*28片', '20mg*14粒', '1ml:40IU'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力'.split('');

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function fixturePaths(lines: number) {
  const name = `sales-${lines >= 1_000_000 && lines % 1_000_000 === 0 ? `${lines / 1_000_000}m` : lines}`;
  return { db: path.join(OUT_DIR, `${name}.db`), meta: path.join(OUT_DIR, `${name}.json`) };
}

export async function ensureFixture(opts: FixtureOptions): Promise<FixtureInfo> {
  const log = opts.log ?? (() => {});
  const { db: file, meta } = fixturePaths(opts.lines);
  const stamp = `v${FIXTURE_VERSION}:${opts.lines}`;
  if (!opts.force && fs.existsSync(file) && fs.existsSync(meta)) {
    const info = JSON.parse(fs.readFileSync(meta, 'utf8')) as FixtureInfo;
    if (info.stamp === stamp) {
      log(`fixture: reusing ${path.relative(process.cwd(), file)} (${stamp}, generated in ${info.seconds.toFixed(1)} s)`);
      return { ...info, file, reused: true };
    }
    log(`fixture: stamp ${info.stamp} ≠ ${stamp}, regenerating`);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of [meta, file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });

  const t0 = performance.now();
  log(`fixture: generating ${opts.lines.toLocaleString('en')} sales lines into ${path.relative(process.cwd(), file)} …`);
  const info = await generate(tmp, opts.lines, log);
  const seconds = (performance.now() - t0) / 1000;
  fs.renameSync(tmp, file);
  const out: FixtureInfo = { ...info, file, stamp, reused: false, seconds };
  fs.writeFileSync(meta, JSON.stringify(out, null, 2));
  log(`fixture: generated in ${seconds.toFixed(1)} s`);
  return out;
}

async function generate(file: string, nLines: number, log: (s: string) => void): Promise<Omit<FixtureInfo, 'file' | 'stamp' | 'reused' | 'seconds'>> {
  const db = openDb(file); // the real schema, through the real migrations
  const sqlite = writerOf(db); // the fixture writes with its own prepared statements and transactions
  // Fixture-only speed settings; the file is reopened by the app with openDb()'s pragmas.
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -524288'); // 512 MiB
  sqlite.pragma('foreign_keys = OFF'); // ids are generated consistently below
  const r = mulberry32(20250630);
  const created = '2022-07-01T01:00:00.000Z';
  const sys = { version: 1, created_at: created, created_by: null, updated_at: created, updated_by: null };

  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    return sqlite.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
  };

  // --- master data ---
  const nCustomers = 200,
    nProducts = 300,
    batchesPerProduct = 10,
    nSalespeople = 30;
  const customers: { id: number; name: string }[] = [];
  const salespeople: number[] = [];
  const products: { id: number; price: number }[] = [];
  const batchesOf: number[][] = [];
  sqlite.transaction(() => {
    const names = new Set<string>();
    let ins: ReturnType<typeof insert> | undefined;
    for (let i = 1; i <= nCustomers; i++) {
      let name: string, type: string;
      do {
        const roll = r();
        const city = pick(r, CITIES);
        if (roll < 0.35) {
          name = city + pick(r, HOSPITAL);
          type = 'medical_institution';
        } else if (roll < 0.75) {
          name = city + pick(r, PHARMACY);
          type = 'retailer';
        } else if (roll < 0.9) {
          name = city + pick(r, ['康华', '仁和', '瑞康', '国药', '九州通', '华东', '英特', '嘉事']) + pick(r, WHOLESALE);
          type = 'wholesaler';
        } else {
          name = city + pick(r, SURNAMES) + pick(r, ['氏', '家']) + pick(r, CLINIC);
          type = 'medical_institution';
        }
      } while (names.has(name!));
      names.add(name!);
      const row = {
        ...sys,
        name: name!,
        type: type!,
        credit_code: `91330${pad(100000 + i, 6)}MA2${pad(i, 4)}X`,
        region: name!.slice(0, 2),
        address: `${name!.slice(0, 2)}市某某路${i}号`,
        contact_name: pick(r, SURNAMES) + pick(r, GIVEN),
        contact_phone: `1380571${pad(i, 4)}`,
        qa_status: r() < 0.95 ? 'approved' : 'pending',
        cold_chain: r() < 0.3 ? 1 : 0,
        service_point: r() < 0.1 ? 1 : 0,
      };
      ins ??= insert('customers', row);
      customers.push({ id: Number(ins.run(row).lastInsertRowid), name: name! });
    }
    ins = undefined;
    for (let i = 1; i <= nSalespeople; i++) {
      const row = {
        ...sys,
        name: pick(r, SURNAMES) + pick(r, GIVEN) + (i > 20 ? pick(r, GIVEN) : ''),
        id_no: `33010119${pad(80 + (i % 20), 2)}0101${pad(i, 3)}X`,
        employee_no: `S${pad(i, 3)}`,
        phone: `1390571${pad(i, 4)}`,
        contract_start: '2020-01-01',
        contract_end: '2027-12-31',
        social_insurance: 1,
        permit_no: `SG${pad(i, 5)}`,
        permit_valid_to: '2026-12-31',
      };
      ins ??= insert('salespeople', row);
      salespeople.push(Number(ins.run(row).lastInsertRowid));
    }
    ins = undefined;
    let insB: ReturnType<typeof insert> | undefined;
    for (let i = 1; i <= nProducts; i++) {
      const device = r() < 0.12;
      const dev = pick(r, DEVICES);
      const [generic, form, scope] = device ? [dev[0], null, dev[1]] : pick(r, DRUGS);
      const price = Math.round((2 + r() * 120) * 100) / 100;
      const row = {
        ...sys,
        kind: device ? 'device' : 'drug',
        generic_name: generic,
        trade_name: r() < 0.4 ? pick(r, ['芬必得', '阿莫仙', '洛赛克', '立普妥', '拜新同', '络活喜', '波立维']) : null,
        dosage_form: form,
        spec: pick(r, SPECS),
        unit: pick(r, ['盒', '瓶', '支', '袋']),
        manufacturer: pick(r, MAKERS),
        approval_no: device ? `浙械注准2021${pad(i, 7)}` : `国药准字H${pad(33020000 + i * 7, 8)}`,
        scope_category: scope,
        storage: pick(r, ['normal', 'normal', 'cool', 'cold']),
        imported: 0,
        sterile_single_use: device && r() < 0.5 ? 1 : 0,
        price_min: Math.round(price * 80) / 100,
        price_max: Math.round(price * 130) / 100,
        qa_status: 'approved',
      };
      ins ??= insert('products', row);
      const id = Number(ins.run(row).lastInsertRowid);
      products.push({ id, price });
      const bs: number[] = [];
      for (let b = 0; b < batchesPerProduct; b++) {
        const prod = new Date(Date.UTC(2021, 6, 1) + Math.floor(r() * 1300) * 86400_000);
        const exp = new Date(prod.getTime() + (2 + Math.floor(r() * 2)) * 365 * 86400_000);
        const brow = {
          ...sys,
          product: id,
          batch_no: `${isoDay(prod).replace(/-/g, '').slice(2)}${pad(b + 1, 2)}`,
          production_date: isoDay(prod),
          expiry_date: isoDay(exp),
          status: r() < 0.98 ? 'qualified' : 'quarantined',
        };
        insB ??= insert('batches', brow);
        bs.push(Number(insB.run(brow).lastInsertRowid));
      }
      batchesOf.push(bs);
    }
  })();
  log(`fixture: master data: ${nCustomers} customers, ${nProducts} products, ${nProducts * batchesPerProduct} batches, ${nSalespeople} salespeople`);

  // --- orders and lines ---
  // 1..8 lines per order (mean ≈ 3.33), adjusted so the total is exactly nLines.
  const nOrders = Math.round(nLines / 3.3333);
  const linesPerOrder = new Uint8Array(nOrders);
  const LPO = [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8];
  let total = 0;
  for (let i = 0; i < nOrders; i++) total += linesPerOrder[i] = pick(r, LPO);
  while (total !== nLines) {
    const i = Math.floor(r() * nOrders);
    if (total < nLines && linesPerOrder[i] < 8) {
      linesPerOrder[i]++;
      total++;
    } else if (total > nLines && linesPerOrder[i] > 1) {
      linesPerOrder[i]--;
      total--;
    }
  }
  const start = Date.UTC(2022, 6, 1),
    days = 1096; // 2022-07-01 .. 2025-06-30
  const dayOf = new Uint16Array(nOrders);
  for (let i = 0; i < nOrders; i++) dayOf[i] = Math.floor(r() * days);
  dayOf.sort();
  const customerOf = zipfSampler(r, nCustomers, 0.8);
  const customerOrder = shuffle(
    r,
    customers.map((_, i) => i),
  ); // big customers are not simply the first ids
  const productOf = zipfSampler(r, nProducts, 0.9);
  const productOrder = shuffle(
    r,
    products.map((_, i) => i),
  );
  const lineCount = new Map<number, number>();

  const orderRow = {
    ...sys,
    order_no: '',
    customer: 0,
    salesperson: 0,
    contract: null as number | null,
    sale_date: '',
    payment_method: 'transfer',
    status: 'completed',
    remark: null as string | null,
    voided_at: null as string | null,
    voided_by: null,
    void_reason: null as string | null,
  };
  const lineRow = {
    ...sys,
    order: 0,
    sale_date: '',
    customer: 0,
    product: 0,
    batch: 0,
    quantity: 0,
    unit_price: 0,
    amount: 0,
    price_approved_by: null,
    handler: '',
    responsible: '',
    voided_at: null as string | null,
    voided_by: null,
    void_reason: null as string | null,
  };
  const insOrder = insert('sales_orders', orderRow);
  const insLine = insert('sales_lines', lineRow);
  const CHUNK = 20_000;
  let seqDay = -1,
    seq = 0,
    linesDone = 0;
  const tLines = performance.now();
  for (let from = 0; from < nOrders; from += CHUNK) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(nOrders, from + CHUNK); i++) {
        if (dayOf[i] !== seqDay) {
          seqDay = dayOf[i];
          seq = 0;
        }
        const date = isoDay(new Date(start + dayOf[i] * 86400_000));
        const at = `${date}T0${1 + (seq % 9)}:00:00.000Z`;
        const cust = customers[customerOrder[customerOf()]];
        const voided = r() < 0.004;
        Object.assign(orderRow, {
          order_no: `XS${date.replace(/-/g, '')}${pad(++seq, 4)}`,
          customer: cust.id,
          salesperson: pick(r, salespeople),
          sale_date: date,
          payment_method: r() < 0.9 ? 'transfer' : 'acceptance',
          status: date >= '2025-06-20' ? pick(r, ['confirmed', 'shipped', 'completed']) : 'completed',
          created_at: at,
          updated_at: at,
          voided_at: voided ? at : null,
          void_reason: voided ? '录入错误' : null,
        });
        const orderId = Number(insOrder.run(orderRow).lastInsertRowid);
        const handler = pick(r, SURNAMES) + pick(r, GIVEN);
        for (let l = 0; l < linesPerOrder[i]; l++) {
          const pi = productOrder[productOf()];
          const p = products[pi];
          const qty = pick(r, [1, 2, 5, 10, 10, 20, 50, 100]);
          const price = Math.round(p.price * (0.9 + r() * 0.3) * 100) / 100;
          Object.assign(lineRow, {
            order: orderId,
            sale_date: date,
            customer: cust.id,
            product: p.id,
            batch: pick(r, batchesOf[pi]),
            quantity: qty,
            unit_price: price,
            amount: Math.round(qty * price * 100) / 100,
            handler,
            responsible: '质管部',
            created_at: at,
            updated_at: at,
            voided_at: orderRow.voided_at,
            void_reason: orderRow.void_reason,
          });
          insLine.run(lineRow);
          lineCount.set(cust.id, (lineCount.get(cust.id) ?? 0) + 1);
        }
        linesDone += linesPerOrder[i];
      }
    })();
    if (from % (CHUNK * 5) === 0 && from) log(`fixture:   ${linesDone.toLocaleString('en')} lines (${((performance.now() - tLines) / 1000).toFixed(1)} s)`);
  }
  sqlite.pragma('foreign_keys = ON');
  const adminPassword = randomBytes(12).toString('base64url');
  await createAdmin(db, fixedDayClock(FIXTURE_TODAY), adminPassword);
  const fkErrors = (await sqlite.prepare('PRAGMA foreign_key_check(sales_lines)').all()).length;
  if (fkErrors) throw new Error(`fixture: ${fkErrors} foreign-key violations`);
  // No ANALYZE: the app never runs it, so the planner must do without sqlite_stat1 here too.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();

  const counts = {
    customers: nCustomers,
    products: nProducts,
    batches: nProducts * batchesPerProduct,
    salespeople: nSalespeople,
    sales_orders: nOrders,
    sales_lines: nLines,
  };
  return {
    counts,
    customers: customers.map((c) => ({ ...c, lines: lineCount.get(c.id) ?? 0 })),
    dateRange: [isoDay(new Date(start)), isoDay(new Date(start + (days - 1) * 86400_000))],
    adminPassword,
  };
}
