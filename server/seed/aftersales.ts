/** Service visits, complaints, quality feedback, adverse reactions, and two recalls with their notices. */
import { eq } from 'drizzle-orm';
import { recallNotices } from '../../schema/tables';
import { writeAudit } from '../services/audit';
import { findRow, type Row } from '../services/records';
import { registry } from '../../schema/resources';
import { addDays, addMonths, maxDate, monthStart } from './dates';
import { STAFF } from './names';
import type { CustomerSeed } from './parties';
import type { BatchSeed, ProductSet } from './products';
import type { Rng } from './random';
import type { OrderSeed } from './sales';
import { SEED_REASON, type Writer } from './writer';

const OPINIONS = [
  ['对配送时效和服务态度满意', '继续保持，按月回访'],
  ['希望冷链品种增加配送频次', '已与储运部协调，每周二、五配送冷链品种'],
  ['反映部分外箱标签字迹模糊', '已通知仓库更换打印机色带，复核时加强外观检查'],
  ['询问新品种首营资料', '已提供药品注册证、检验报告及企业资质复印件'],
  ['对发票开具及时性提出建议', '财务部承诺出库后3个工作日内开具发票'],
  ['希望提供近效期品种预警清单', '每月初发送近效期品种清单'],
  ['血压计使用一段时间后读数偏差', '上门校准并更换一台，原机返厂检测'],
  ['无意见', ''],
];
const VISIT_STAFF = [...STAFF.afterSales];

/** Monthly visits to every designated service point (three months missed), and occasional calls to others. */
export async function seedVisits(w: Writer, rng: Rng, today: string, start: string, customers: CustomerSeed[], ps: ProductSet): Promise<void> {
  const visits: Record<string, unknown>[] = [];
  const points = customers.filter((c) => c.servicePoint);
  const months: string[] = [];
  for (let m = monthStart(start); m <= today; m = addMonths(m, 1)) months.push(m);
  const gaps = new Set(
    rng.sample(
      points.flatMap((c) => months.slice(1, -1).map((m) => `${c.id}:${m}`)),
      3,
    ),
  );
  for (const c of points) {
    for (const m of months) {
      if (gaps.has(`${c.id}:${m}`)) continue;
      const day = maxDate(addDays(m, rng.int(3, 24)), start);
      if (day > today) continue;
      const [opinions, actions] = rng.pick(OPINIONS);
      const bp = opinions.startsWith('血压计');
      visits.push({
        customer: c.id,
        visit_date: day,
        kind: bp ? 'maintenance' : rng.chance(0.85) ? 'scheduled' : 'random',
        staff: rng.pick(VISIT_STAFF),
        product: bp ? ps.byKey.bp.id : null,
        opinions,
        actions: actions || null,
        feedback_at: actions && addDays(day, 3) <= today ? addDays(day, rng.int(1, 3)) : null,
      });
    }
  }
  const others = customers.filter((c) => !c.servicePoint && c.weight > 0);
  for (let i = 0; i < 40; i++) {
    const c = rng.pick(others);
    const day = addDays(today, -rng.int(1, 540));
    const [opinions, actions] = rng.pick(OPINIONS.filter((o) => !o[0].startsWith('血压计')));
    visits.push({
      customer: c.id,
      visit_date: day,
      kind: rng.pick(['random', 'phone', 'phone', 'letter']),
      staff: rng.pick(VISIT_STAFF),
      product: null,
      opinions,
      actions: actions || null,
      feedback_at: actions && addDays(day, 3) <= today ? addDays(day, rng.int(1, 3)) : null,
    });
  }
  await w.createAll('visits', visits, (v) => v);
}

const COMPLAINTS = [
  ['输液器滴斗连接处漏液，共发现6套', '抽查同批留样，滴斗粘接不牢，为生产缺陷', '暂停该批销售，通知生产企业，更换问题产品'],
  ['到货外箱破损，内包装受潮', '运输途中遇雨，承运车辆篷布破损', '补发同批号产品，更换承运车辆并加强装车检查'],
  ['随货同行单批号与实物批号不一致', '仓库拣货后复核未逐一核对批号', '更正随货同行单，复核员重新培训'],
  ['冷藏品到货时未附温度记录', '冷藏箱温度记录仪数据未导出', '补发温度记录，完善冷链交接流程'],
  ['胶囊粘连、有异味', '同批留样未见异常，疑为客户储存温度过高', '指导客户阴凉储存，退换2盒'],
  ['发票品名与实物不符', '开票员选错品种编码', '红冲原发票并重新开具'],
  ['配送延迟3天', '节前订单集中，运力不足', '致歉并调整配送计划'],
];

export async function seedComplaints(w: Writer, rng: Rng, today: string, orders: OrderSeed[], ps: ProductSet): Promise<Row[]> {
  const shipped = orders.filter((o) => o.slip && !o.plants.length);
  const list: Record<string, unknown>[] = [];
  const add = (received: string, i: number, state: 'closed' | 'handled' | 'investigating' | 'open', pick?: (o: OrderSeed) => boolean) => {
    const cands = shipped.filter((o) => o.slip!.outbound_date < received && o.slip!.outbound_date > addDays(received, -60) && (!pick || pick(o)));
    const o = rng.pick(cands.length ? cands : shipped);
    const l = rng.pick(o.lines);
    const [description, investigation, measures] = COMPLAINTS[i % COMPLAINTS.length];
    const done = state === 'closed' || state === 'handled';
    list.push({
      complaint_no: `TS${received.slice(0, 4)}${String(list.length + 1).padStart(3, '0')}`,
      customer: o.customer.id,
      channel: rng.pick(['phone', 'phone', 'letter', 'visit', 'email']),
      received_at: received,
      product: l.product.id,
      batch: l.batch.id,
      description,
      investigation: state === 'open' ? null : investigation,
      measures: done ? measures : null,
      feedback_at: done ? addDays(received, rng.int(2, 10)) : null,
      follow_up: state === 'closed' ? '回访客户，问题已解决，客户满意' : null,
      reported_to_qa_at: state === 'open' ? null : addDays(received, rng.int(0, 2)),
      status: state,
    });
  };
  // The infusion-set complaints that led to our own recall.
  const inf = ps.recalledInfusion;
  add(addDays(inf.recallFrom!, -9), 0, 'closed', (o) => o.lines.some((l) => l.batch === inf));
  add(addDays(inf.recallFrom!, -3), 0, 'closed', (o) => o.lines.some((l) => l.batch === inf));
  for (let i = 0; i < 10; i++) add(addDays(today, -rng.int(30, 520)), 1 + (i % 6), 'closed');
  add(addDays(today, -40), 2, 'investigating'); // COMPLAINT_OVERDUE
  add(addDays(today, -25), 4, 'open'); // COMPLAINT_OVERDUE
  add(addDays(today, -5), 6, 'open'); // recent, still within the 15 days
  list.sort((a, b) => String(a.received_at).localeCompare(String(b.received_at)));
  // Numbers follow the receipt order within each year.
  const perYear = new Map<string, number>();
  for (const c of list) {
    const y = String(c.received_at).slice(0, 4);
    perYear.set(y, (perYear.get(y) ?? 0) + 1);
    c.complaint_no = `TS${y}${String(perYear.get(y)).padStart(3, '0')}`;
  }
  return w.createAll('complaints', list, (c) => c);
}

export async function seedQualityFeedback(w: Writer, rng: Rng, today: string, orders: OrderSeed[], ps: ProductSet): Promise<void> {
  const nc = ps.nonconforming;
  const sold = orders.filter((o) => o.slip && !o.plants.length);
  const line = () => {
    const o = rng.pick(sold);
    return { o, l: rng.pick(o.lines) };
  };
  const forms: Record<string, unknown>[] = [];
  const add = (
    source: string,
    date: string,
    f: { customer?: number | null; product: number; batch?: number | null; description: string; analysis?: string; handling?: string },
    status: string,
    reported: boolean,
  ) => forms.push({ source, ...f, reported_at: reported ? addDays(date, rng.int(0, 4)) : null, status, _d: date });
  add(
    'internal',
    addDays(today, -150),
    {
      product: nc.product.id!,
      batch: nc.id,
      description: '入库验收抽检：该批板蓝根颗粒性状不符合规定（结块、色泽不均）',
      analysis: '生产企业包装密封不良导致吸潮',
      handling: '判定不合格，移入不合格品区，联系生产企业退货',
    },
    'closed',
    true,
  );
  add(
    'complaint',
    addDays(ps.recalledInfusion.recallFrom!, -3),
    {
      product: ps.recalledInfusion.product.id!,
      batch: ps.recalledInfusion.id,
      description: '多家医疗机构反映一次性使用输液器滴斗漏液',
      analysis: '同批留样复现漏液，属生产缺陷',
      handling: '暂停销售，启动二级召回，报告监管部门',
    },
    'closed',
    true,
  );
  for (let i = 0; i < 7; i++) {
    const { o, l } = line();
    const date = addDays(o.slip!.outbound_date, rng.int(5, 40));
    if (date > addDays(today, -10)) continue;
    const [description, analysis, handling] = rng.pick([
      ['客户反映外包装有轻微压痕，内包装完好', '运输堆码过高', '不影响使用，提醒储运部控制堆码高度'],
      ['客户反映说明书版本与官网不一致', '生产企业已变更说明书，库存为旧版', '联系生产企业提供新版说明书'],
      ['客户反映个别铝塑板漏装一粒', '生产企业包装线偶发缺陷', '退换，通报生产企业'],
      ['到货温度记录显示途中短时超温（8.6℃，12分钟）', '冷藏车开门卸货时间过长', '经质管部评估不影响质量，规范卸货流程'],
    ]);
    add(
      rng.pick(['customer', 'visit']),
      date,
      { customer: o.customer.id, product: l.product.id!, batch: l.batch.id, description, analysis, handling },
      rng.pick(['handled', 'closed']),
      true,
    );
  }
  // QUALITY_FEEDBACK_UNHANDLED: received weeks ago, never reported to QA.
  const { o, l } = line();
  add(
    'customer',
    addDays(today, -35),
    { customer: o.customer.id, product: l.product.id!, batch: l.batch.id, description: '客户电话反映药品瓶盖松动', analysis: undefined, handling: undefined },
    'open',
    false,
  );
  forms.sort((a, b) => String(a._d).localeCompare(String(b._d)));
  await w.createAll('quality_feedback', forms, ({ _d, ...f }, i) => ({ form_no: `ZLFK-${String(_d).slice(0, 4)}-${String(i + 1).padStart(3, '0')}`, ...f }));
}

const REACTIONS = [
  ['皮疹、瘙痒', 'general'],
  ['恶心、呕吐', 'general'],
  ['头晕、心悸', 'general'],
  ['过敏性休克', 'serious'],
  ['注射部位红肿', 'general'],
  ['低血糖反应', 'serious'],
  ['肝功能异常（转氨酶升高）', 'new'],
];

export async function seedAdverseReactions(w: Writer, rng: Rng, today: string, orders: OrderSeed[]): Promise<void> {
  const hospitals = orders.filter(
    (o) =>
      o.slip &&
      !o.plants.length &&
      o.slip.outbound_date <= addDays(today, -60) &&
      o.customer.type === 'medical_institution' &&
      o.lines.some((l) => l.product.kind === 'drug'),
  );
  const list: Record<string, unknown>[] = [];
  for (let i = 0; i < 9; i++) {
    const o = rng.pick(hospitals);
    const l = rng.pick(o.lines.filter((x) => x.product.kind === 'drug'));
    const [reaction, severity] = rng.pick(REACTIONS);
    const onset = addDays(o.slip!.outbound_date, rng.int(5, 40));
    const received = addDays(onset, rng.int(1, 5));
    // ADR_NOT_FORWARDED: one never forwarded, one forwarded three weeks late.
    const forwarded = i === 0 ? null : i === 1 ? addDays(received, 21) : addDays(received, rng.int(0, 3));
    list.push({
      customer: o.customer.id,
      product: l.product.id,
      batch: l.batch.id,
      patient: `${rng.pick(['男', '女'])}，${rng.int(18, 85)}岁`,
      reaction,
      severity,
      onset_date: onset,
      received_at: received,
      forwarded_to_qa_at: forwarded && forwarded <= today ? forwarded : null,
      reported_at: forwarded && addDays(forwarded, 5) <= today ? addDays(forwarded, severity === 'general' ? rng.int(5, 25) : rng.int(1, 10)) : null,
    });
  }
  list.sort((a, b) => String(a.received_at).localeCompare(String(b.received_at)));
  await w.createAll('adverse_reactions', list, (x) => ({ ...x, reported_at: x.reported_at && String(x.reported_at) <= today ? x.reported_at : null }));
}

interface RecallSeed {
  id: number;
  b: BatchSeed;
  status: 'open' | 'closed';
}

/**
 * Two recalls: our own after the infusion-set complaints (closed) and the manufacturer's (open). Written
 * before the sales, so the live rules see them when the lines of the recalled batches arrive.
 */
export async function seedRecalls(w: Writer, ps: ProductSet): Promise<RecallSeed[]> {
  const recalls = [
    {
      b: ps.recalledInfusion,
      level: '2',
      by: 'company',
      reason: '多家医疗机构投诉该批输液器滴斗漏液，经质管部评估存在使用风险，暂停销售并召回',
      status: 'closed' as const,
    },
    {
      b: ps.recalledIbuprofen,
      level: '3',
      by: 'manufacturer',
      reason: '生产企业通报：该批次溶出度稳定性考察结果不符合规定，主动召回',
      status: 'open' as const,
    },
  ];
  const rows = await w.createAll('recalls', recalls, (r, i) => ({
    recall_no: `ZH${r.b.recallFrom!.slice(0, 4)}${String(i + 1).padStart(3, '0')}`,
    product: r.b.product.id,
    batches: [r.b.batch_no],
    level: r.level,
    initiated_by: r.by,
    reason: r.reason,
    started_at: r.b.recallFrom,
    status: r.status,
  }));
  return recalls.map((r, i) => ({ id: rows[i].id, b: r.b, status: r.status }));
}

/**
 * Every customer who received a recalled batch gets a notice with what it received; in the open recall
 * one customer was never notified and one was told three days late.
 */
export async function seedRecallNotices(w: Writer, rng: Rng, today: string, orders: OrderSeed[], recalls: RecallSeed[]): Promise<void> {
  await w.tx(async () => {
    for (const r of recalls) {
      const sold = new Map<number, { c: CustomerSeed; qty: number }>();
      for (const o of orders) {
        if (!o.slip) continue;
        for (const l of o.lines) {
          if (l.batch !== r.b) continue;
          const e = sold.get(o.customer.id) ?? { c: o.customer, qty: 0 };
          e.qty += l.quantity;
          sold.set(o.customer.id, e);
        }
      }
      const entries = [...sold.values()];
      for (const [i, e] of entries.entries()) {
        const open = r.status === 'open';
        const missed = open && i === entries.length - 1;
        const late = open && i === entries.length - 2;
        const notified = missed ? null : addDays(r.b.recallFrom!, late ? 3 : rng.int(0, 1));
        const ack = notified && addDays(notified, 2) <= today ? addDays(notified, rng.int(1, 2)) : null;
        const returned = ack ? Math.round(e.qty * (open ? rng.next() * 0.2 : 0.2 + rng.next() * 0.3)) : null;
        const notice = await w.create('recall_notices', {
          recall: r.id,
          customer: e.c.id,
          notified_at: notified,
          method: notified ? rng.pick(['phone', 'fax', 'letter', 'email']) : null,
          acknowledged_at: ack,
          quantity_returned: returned,
        });
        await setQuantitySold(w, notice.id, e.qty);
      }
    }
  });
}

/**
 * quantity_sold is read-only (derived from the sales of the recalled batches): the write service does not
 * accept it from input, so the seed stores the derived value itself and audits that change.
 */
async function setQuantitySold(w: Writer, id: number, qty: number): Promise<void> {
  const ctx = w.current;
  const res = registry.get('recall_notices')!;
  const before = (await findRow(ctx.db, res, id))!;
  if (before.quantity_sold === qty) return;
  await ctx.db.update(recallNotices).set({ quantity_sold: qty }).where(eq(recallNotices.id, id)).run();
  const after = (await findRow(ctx.db, res, id))!;
  await writeAudit(ctx, 'update', 'recall_notices', id, before, after, `${SEED_REASON}：按召回批号的销售数量汇总`);
}
