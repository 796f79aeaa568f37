/**
 * Issue #14's after-sales records in the demo: suppliers and their quality agreements (one device agreement
 * with its repair clause, one lapsed), a delivery record with temperatures for every cold-chain slip (one trip
 * ran warm), replies to the handled complaints, service promises on a few contracts, follow-up plans for
 * insulin and the blood-pressure monitor with their calls, and a batch of 板蓝根颗粒 found nonconforming after it
 * was sold, its customers told without a recall. Its own random stream, so the older data stays as it was.
 *
 * Planted: SUPPLIER_AGREEMENT_EXPIRED (the lapsed agreement), DELIVERY_TEMPERATURE_EXCURSION (one trip at 11.6 ℃),
 * SERVICE_PROMISE_OVERDUE (one promise due 12 days ago, not kept), FOLLOW_UP_OVERDUE (the monitor plan's last call missed).
 */
import type { Row } from '../services/records';
import { registry } from '../../schema/resources';
import { updateRecord } from '../services/write';
import { addDays, at, compact } from './dates';
import { STAFF } from './names';
import type { BatchSeed, ProductSet } from './products';
import { Rng } from './random';
import type { ContractSeed, OrderSeed } from './sales';
import { SEED_REASON, type Writer } from './writer';

const SEED = 0x14_2026;

/** FH-YYYYMM-NNN, numbered per month in date order (the write service's own numbering, for records it does not number) */
function numbered<T extends { date: string }>(items: T[], prefix: string): (T & { no: string })[] {
  const per = new Map<string, number>();
  return [...items]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((x) => {
      const m = compact(x.date).slice(0, 6);
      per.set(m, (per.get(m) ?? 0) + 1);
      return { ...x, no: `${prefix}-${m}-${String(per.get(m)).padStart(3, '0')}` };
    });
}

export async function seedAfterSalesRecords(
  w: Writer,
  today: string,
  orders: OrderSeed[],
  contracts: ContractSeed[],
  complaints: Row[],
  ps: ProductSet,
): Promise<void> {
  const rng = new Rng(SEED);
  const [staffA, staffB] = STAFF.afterSales;

  // Suppliers and their quality agreements (第三篇 三).
  const devices = [...new Set(ps.products.filter((p) => p.kind === 'device').map((p) => p.manufacturer))];
  const drugs = [...new Set(ps.products.filter((p) => p.kind === 'drug').map((p) => p.manufacturer))];
  const suppliers = await w.createAll(
    'suppliers',
    [
      {
        name: '九州通医药集团股份有限公司',
        license_no: '鄂AA0270001',
        address: '武汉市汉阳区龙阳大道 9 号',
        contact_name: '方志强',
        contact_phone: '027-84683001',
      },
      {
        name: '湖北康宁医疗器械有限公司',
        license_no: '鄂汉食药监械经营许20150088号',
        address: '武汉市东湖高新区光谷大道 77 号',
        contact_name: '许文博',
        contact_phone: '027-87920155',
      },
      {
        name: '武汉同济医疗器械供应有限公司',
        license_no: '鄂汉食药监械经营许20120031号',
        address: '武汉市江汉区新华路 218 号',
        contact_name: '蔡丽',
        contact_phone: '027-85723310',
      },
    ],
    (s) => s,
  );
  await w.createAll(
    'supplier_agreements',
    [
      {
        agreement_no: `ZB${today.slice(0, 4)}-01`,
        supplier: suppliers[0].id,
        manufacturers: drugs,
        valid_from: addDays(today, -200),
        valid_to: addDays(today, 530),
        covers_devices: false,
        quality_terms: '供货方保证所供药品符合国家药品标准，随货提供检验报告书；质量问题由供货方负责退换并承担损失。',
      },
      {
        agreement_no: `ZB${today.slice(0, 4)}-02`,
        supplier: suppliers[1].id,
        manufacturers: devices,
        valid_from: addDays(today, -120),
        valid_to: addDays(today, 610),
        covers_devices: true,
        repair_terms: '质保期内由供货方免费维修或更换，接报后 48 小时内响应、7 日内修复；质保期外按成本价提供配件和维修服务。',
        after_sales_contact: '许文博 027-87920155',
        quality_terms: '供货方保证所供医疗器械具有合法注册证，随货提供合格证明。',
      },
      {
        agreement_no: `ZB${Number(today.slice(0, 4)) - 2}-07`,
        supplier: suppliers[2].id,
        manufacturers: devices.slice(0, 1),
        valid_from: addDays(today, -760),
        valid_to: addDays(today, -30),
        covers_devices: true,
        repair_terms: '保修一年，送修往返运费由供货方承担。',
        after_sales_contact: '蔡丽 027-85723310',
      }, // SUPPLIER_AGREEMENT_EXPIRED
    ],
    (a) => a,
  );

  // Delivery records (第五篇 5.4): every shipped cold-chain slip travelled refrigerated with a logger; one trip ran warm.
  const shipped = orders.filter((o) => o.slip?.reviewed_by && o.slip.id);
  const cold = orders.filter((o) => o.slip?.id && o.lines.some((l) => l.product.storage === 'cold'));
  const warm = rng.pick(cold.filter((o) => o.slip!.outbound_date < addDays(today, -30)));
  const plain = rng.sample(
    shipped.filter((o) => !cold.includes(o) && o.slip!.outbound_date > addDays(today, -45)),
    12,
  );
  const trip = (o: OrderSeed, refrigerated: boolean) => {
    const day = o.slip!.outbound_date;
    const hot = o === warm;
    const t = () => Math.round((3 + rng.next() * 4) * 10) / 10;
    return {
      slip: o.slip!.id,
      carrier: refrigerated ? '武汉顺达冷链物流有限公司' : rng.pick(['本公司自有车辆', '武汉顺达医药物流有限公司']),
      vehicle_no: `鄂A·${rng.pick(['C', 'D', 'F'])}${rng.digits(4)}`,
      driver: rng.pick(['周建国', '刘海涛', '陈志明']),
      driver_phone: `139${rng.digits(8)}`,
      departed_at: at(day, 8, rng.int(0, 50)),
      arrived_at: at(day, rng.int(11, 16), rng.int(0, 59)),
      packaging: 'intact',
      ...(refrigerated
        ? {
            temp_recorder: `TL-${rng.digits(4)}`,
            temp_start: t(),
            temp_end: hot ? 9.8 : t(),
            temp_min: 2.9,
            temp_max: hot ? 11.6 : 7.5,
            excursion_note: hot ? '冷藏车制冷机故障约 40 分钟，途中最高 11.6℃；质管部评估后该批货物降级处理，已维修车辆' : null,
          }
        : {}),
    };
  };
  await w.createAll('deliveries', [...cold.map((o) => trip(o, true)), ...plain.map((o) => trip(o, false))], (d) => d);

  // Replies (第三篇 六): each complaint answered to the customer, numbered; and two letters answered without a complaint.
  const answered = complaints.filter((c) => c.feedback_at).map((c) => ({ date: String(c.feedback_at), c }));
  const letters = rng.sample(shipped, 2).map((o) => ({ date: addDays(o.slip!.outbound_date, 12), o }));
  await w.createAll('replies', numbered<{ date: string; c?: Row; o?: OrderSeed }>([...answered, ...letters], 'FH'), (r) =>
    r.c
      ? {
          reply_no: r.no,
          customer: r.c.customer,
          complaint: r.c.id,
          product: r.c.product,
          letter_date: r.c.received_at,
          subject: `关于贵单位投诉 ${r.c.complaint_no} 的答复`,
          content: `贵单位反映的问题已调查处理：${r.c.measures ?? '已妥善处理'}。感谢对我公司工作的支持与监督。`,
          reply_date: r.date,
          method: 'letter',
          replied_by: rng.pick([staffA, staffB]),
        }
      : {
          reply_no: r.no,
          customer: r.o!.customer.id,
          letter_no: `来函-${compact(r.date).slice(2)}`,
          letter_date: addDays(r.date, -3),
          product: r.o!.lines[0].product.id,
          subject: '关于索取药品检验报告书的复函',
          content: '所需该批号药品检验报告书复印件（加盖质量管理专用章）已随函寄送，请查收。',
          reply_date: r.date,
          method: 'letter',
          replied_by: staffA,
        },
  );

  // Service promises (第五篇 7) on five signed contracts: kept on time, one kept 12 days late … one still to come.
  const signed = contracts.filter((k) => k.status === 'signed' && k.regular && k.signed_at && k.signed_at < addDays(today, -120)).slice(0, 5);
  const promises = [
    '每季度上门检查冷藏设备并培训收货人员',
    '近效期品种提前 3 个月书面预警并协助调换',
    '提供新品种的药品说明书和学术资料',
    '每月初提供上月对账单',
    '质量问题 24 小时内响应并上门处理',
  ];
  await w.createAll(
    'service_promises',
    signed.map((k, i) => ({ k, i })),
    ({ k, i }) => {
      const due = i === 3 ? addDays(today, -12) : i === 4 ? addDays(today, 20) : addDays(k.signed_at!, 60 + 20 * i);
      const kept = i < 3;
      return {
        contract: k.id,
        promise: promises[i],
        due_date: due,
        owner: k.salesperson?.name ?? STAFF.salesHead,
        fulfilled_at: kept ? addDays(due, -rng.int(1, 10)) : null,
        fulfilment: kept ? '已按承诺完成，客户签字确认' : null,
      };
    },
  );

  // Follow-up plans (第一篇 3, 第四篇 二.4) with their calls; the monitor plan's last due date was missed.
  const byKey = ps.byKey;
  const buyerOf = (key: string) => shipped.find((o) => o.lines.some((l) => l.product === byKey[key]) && o.slip!.outbound_date < addDays(today, -100));
  const plans = [
    { key: 'insulin', kind: 'medication_effect', interval: 30, purpose: '糖尿病患者用药后血糖控制情况、低血糖等不良反应', miss: false },
    { key: 'bp', kind: 'special_product', interval: 60, purpose: '电子血压计使用与计量准确性，必要时上门校准', miss: true },
  ].flatMap((p) => {
    const o = buyerOf(p.key);
    return o ? [{ ...p, o, start: addDays(o.slip!.outbound_date, 5) }] : [];
  });
  await w.createAll('follow_up_plans', plans, (p) => ({
    customer: p.o.customer.id,
    product: byKey[p.key].id,
    kind: p.kind,
    start_date: p.start,
    interval_days: p.interval,
    staff: staffB,
    purpose: p.purpose,
  }));
  const calls: Record<string, unknown>[] = [];
  for (const p of plans) {
    for (let due = addDays(p.start, p.interval); due < today; due = addDays(due, p.interval)) {
      if (p.miss && addDays(due, p.interval) >= today) break; // FOLLOW_UP_OVERDUE
      calls.push({
        customer: p.o.customer.id,
        product: byKey[p.key].id,
        visit_date: addDays(due, -rng.int(0, 6)),
        kind: p.kind === 'special_product' ? 'maintenance' : 'phone',
        staff: staffB,
        opinions: p.kind === 'special_product' ? '血压计使用正常，校准后误差在允许范围内' : '血糖控制平稳，未诉不适',
        actions: null,
      });
    }
  }
  await w.createAll('visits', calls, (v) => v);

  // A batch of 板蓝根颗粒 sold before the drug administration's sampling found it nonconforming: its customers were told
  // to stop and send it back without a recall (a labelling defect, no safety risk), everyone confirmed, the case closed.
  const bl = byKey.banlangen;
  const sales = (b: BatchSeed) => shipped.filter((o) => o.lines.some((l) => l.batch === b));
  const all = (b: BatchSeed) => orders.filter((o) => o.lines.some((l) => l.batch === b));
  const batch = bl.batches!.find((b) => b.status === 'qualified' && sales(b).length >= 2 && all(b).every((o) => o.sale_date < addDays(today, -60)));
  if (!batch) return;
  const found = addDays(
    all(batch)
      .map((o) => o.slip?.outbound_date ?? o.sale_date)
      .sort()
      .at(-1)!,
    20,
  );
  await w.tx(async () => {
    await updateRecord(
      w.current,
      registry.get('batches')!,
      batch.id,
      { status: 'nonconforming' },
      { reason: `${SEED_REASON}：省药检所抽检标签不合格`, historical: true, seed: true },
    );
    const kase = await w.create('nonconformities', {
      case_no: `BH-${compact(found).slice(0, 6)}-001`,
      batch: batch.id,
      found_at: found,
      reason: '省药品检验所抽检：该批板蓝根颗粒标签【贮藏】项印刷错误（不符合核准内容）',
      decision: 'notice',
      decided_at: found,
      decision_note: '标签印刷缺陷，不影响药品安全有效，经质管部评估不启动召回，通知购货单位停止销售并退回更换',
      status: 'closed',
    });
    for (const o of new Map(sales(batch).map((x) => [x.customer.id, x])).values()) {
      const told = addDays(found, rng.int(0, 1));
      await w.create('nonconformity_notices', {
        nonconformity: kase.id,
        customer: o.customer.id,
        notified_at: told,
        method: rng.pick(['phone', 'fax']),
        acknowledged_at: addDays(told, 1),
      });
    }
  });
}
