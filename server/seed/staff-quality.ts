/**
 * The #14 staff and quality records of the demo: quarterly assessments (one failed: 李强, whose permit lapsed),
 * after-sales staff trainings, approved product material in two editions (visits cite it), market reports read
 * by management, monthly price filings and corrective actions opened from complaints, feedback and visits —
 * one overdue (CORRECTIVE_ACTION_OVERDUE). Seeded after the first rule pass, so an assessment counts its
 * period's findings.
 */
import { and, asc, isNull, isNotNull } from 'drizzle-orm';
import { qualityFeedback, visits } from '../../schema/tables';
import type { Actor } from '../services/context';
import type { Row } from '../services/records';
import { addDays, addMonths, at, compact, monthStart } from './dates';
import { STAFF } from './names';
import type { SalespersonSeed } from './parties';
import type { ProductSet } from './products';
import type { Rng } from './random';
import { writeSignatures, type SignTask } from './signatures';
import type { Writer } from './writer';

const quarterStart = (d: string) => `${d.slice(0, 4)}-${String(Math.floor((Number(d.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/** A document number as the live hooks give it: PREFIX-YYYYMM-NNN (the seed is historical: no automatic numbers). */
const docNo = (prefix: string, date: string, n: number) => `${prefix}-${compact(date).slice(0, 6)}-${String(n).padStart(3, '0')}`;

const MATERIAL = {
  amox: [
    '阿莫西林胶囊产品介绍',
    '阿莫西林为青霉素类抗生素，适用于敏感菌所致的呼吸道、泌尿道及皮肤软组织感染。用法用量及禁忌以药品说明书为准；青霉素过敏者禁用。不得宣传为“消炎药”或夸大疗效。',
  ],
  cefixime: [
    '头孢克肟分散片产品介绍',
    '第三代口服头孢菌素，适用于敏感菌所致的支气管炎、中耳炎、尿路感染等。须凭处方销售，介绍内容以说明书为准，不得与其他品种作疗效比较。',
  ],
} as const;

export async function seedStaffQuality(
  w: Writer,
  rng: Rng,
  today: string,
  people: SalespersonSeed[],
  ps: ProductSet,
  complaints: Row[],
  actors: Record<string, Actor>,
): Promise<void> {
  const tasks: SignTask[] = [];
  const head = actors.sales_head.display_name;

  // Assessments of the two last complete quarters by the head of sales; 李强 failed the latest.
  const q2 = addMonths(quarterStart(today), -3),
    q1 = addMonths(q2, -3);
  for (const p of people.filter((s) => s.contract_end >= today)) {
    for (const from of [q1, q2]) {
      const failed = p.name === '李强' && from === q2;
      await w.create('salesperson_assessments', {
        salesperson: p.id,
        period_from: from,
        period_to: addDays(addMonths(from, 3), -1),
        assessor: head,
        score: failed ? 55 : rng.int(72, 96),
        conclusion: failed ? 'failed' : 'passed',
        comments: failed ? '上岗证过期未及时复训换证，客户回访记录不全；限期整改后复评' : '按期回访，销售记录完整',
      });
    }
  }

  // After-sales staff are trained too (第一篇 4).
  for (const name of STAFF.afterSales) {
    await w.create('trainings', {
      post: 'after_sales',
      trainee: name,
      date: addDays(today, -rng.int(30, 200)),
      topic: '售后服务流程、投诉处理与顾客访问培训',
      hours: 4,
      passed: true,
    });
  }

  // Product material: 阿莫西林 in two editions (the first superseded), 头孢克肟 approved, one draft.
  const material = async (key: keyof typeof MATERIAL, status: string, approvedAt: string | null, text?: string) => {
    const [title, content] = MATERIAL[key];
    const row = await w.create('product_materials', {
      product: ps.byKey[key].id,
      title,
      content: text ?? content,
      status,
      approved_by: approvedAt ? actors.qa.display_name : null,
      approved_at: approvedAt,
    });
    if (approvedAt)
      tasks.push({ resource: 'product_materials', id: row.id, meaning: 'approve_product_material', signer: actors.qa, at: at(approvedAt, 14, 20) });
    return row;
  };
  await material('amox', 'superseded', addDays(today, -400), MATERIAL.amox[1].replace('；青霉素过敏者禁用', ''));
  const amox = await material('amox', 'approved', addDays(today, -120));
  await material('cefixime', 'approved', addDays(today, -200));
  await material('cefixime', 'draft', null, `${MATERIAL.cefixime[1]}（拟增加儿童用药注意事项）`);
  const staff = [...STAFF.afterSales];
  for (const c of rng.sample(complaints, 2)) {
    await w.create('visits', {
      customer: c.customer,
      visit_date: addDays(today, -rng.int(5, 60)),
      kind: 'random',
      staff: rng.pick(staff),
      product: ps.byKey.amox.id,
      opinions: '询问阿莫西林胶囊适应症及过敏注意事项',
      actions: '按批准的产品介绍资料讲解，提供说明书复印件',
      material: amox.id,
    });
  }

  // Market and price information for management (第三篇 九).
  const reports = [
    {
      competitor_product: '阿莫西林胶囊 0.25g×24粒（石药）',
      competitor_maker: '石药集团欧意药业有限公司',
      market_price: 9.8,
      product: ps.byKey.amox.id,
      summary: '武汉地区连锁药店终端价下调约 8%，部分客户要求跟价；建议对大客户给予批量折扣。',
      quality_info: '同类产品近期无质量投诉',
      status: 'read',
    },
    {
      competitor_product: '头孢克肟分散片 0.1g×6片（齐鲁）',
      competitor_maker: '齐鲁制药有限公司',
      market_price: 26.5,
      product: ps.byKey.cefixime.id,
      summary: '医院集采中标价 24.8 元，零售终端普遍 26–28 元。',
      quality_info: '客户反映竞品包装易受潮',
      status: 'submitted',
    },
    {
      competitor_product: '电子血压计（欧姆龙 HEM-7124）',
      competitor_maker: '欧姆龙（大连）有限公司',
      market_price: 239,
      product: ps.byKey.bp?.id ?? null,
      summary: '竞品提供两年保修，客户希望我方同步延长保修期。',
      quality_info: null,
      status: 'draft',
    },
  ];
  for (const [i, r] of reports.entries()) {
    const reported = addDays(today, -(10 + i * 15));
    const read = r.status === 'read';
    const readAt = (who: Actor, days: number, role: string) => `${who.display_name}（${role}）已阅 ${addDays(reported, days)} 09:30`;
    await w.create('market_reports', {
      ...r,
      report_no: docNo('SC', reported, i + 1),
      reported_at: reported,
      reporter: people[0].name,
      region: '湖北省武汉市',
      submitted_at: r.status === 'draft' ? null : addDays(reported, 1),
      read_receipts: read ? [readAt(actors.sales_head, 2, '销售部负责人'), readAt(actors.gm, 3, '总经理')].join('\n') : null,
      last_read_at: read ? new Date(at(addDays(reported, 3), 9, 30)).toISOString() : null,
    });
  }

  // Price filings of last month (第五篇 4.3): three salespeople, acknowledged, waiting, and a draft.
  const from = addMonths(monthStart(today), -1),
    to = addDays(monthStart(today), -1);
  for (const [i, p] of people
    .filter((s) => s.contract_end >= today)
    .slice(0, 3)
    .entries()) {
    const status = ['acknowledged', 'submitted', 'draft'][i];
    const row = await w.create('price_filings', {
      filing_no: docNo('JB', to, i + 1),
      salesperson: p.id,
      period_from: from,
      period_to: to,
      status,
      submitted_at: status === 'draft' ? null : addDays(to, 2),
      acknowledged_by: status === 'acknowledged' ? head : null,
      acknowledged_at: status === 'acknowledged' ? addDays(to, 4) : null,
    });
    if (status === 'acknowledged')
      tasks.push({ resource: 'price_filings', id: row.id, meaning: 'acknowledge_price_filing', signer: actors.sales_head, at: at(addDays(to, 4), 10, 0) });
  }

  // Corrective actions opened from a complaint, a feedback form and a visit opinion; one overdue.
  const db = w.current.db;
  const feedback = (await db.select().from(qualityFeedback).where(isNull(qualityFeedback.voided_at)).orderBy(asc(qualityFeedback.id)).limit(1).all()) as Row[];
  const opinion = (await db
    .select()
    .from(visits)
    .where(and(isNull(visits.voided_at), isNotNull(visits.actions)))
    .orderBy(asc(visits.id))
    .limit(1)
    .all()) as Row[];
  const [c1, c2] = complaints;
  const actions = [
    {
      source: 'complaint',
      complaint: c1?.id,
      cause: '承运车辆篷布破损，雨天运输受潮',
      action: '更换承运车辆，装车前检查篷布并记录',
      owner: '储运部 孙立',
      due_date: addDays(today, -40),
      completed_at: addDays(today, -45),
      result: '已更换承运商并建立装车检查表',
      verification: '抽查 5 车次装车记录，均已检查',
      status: 'verified',
    },
    {
      source: 'complaint',
      complaint: c2?.id,
      cause: '复核未逐一核对批号',
      action: '复核员重新培训，复核时逐件扫码核对批号',
      owner: '储运部 何娟',
      due_date: addDays(today, -10),
      completed_at: addDays(today, -12),
      result: '已完成培训并启用扫码复核',
      status: 'done',
    },
    {
      source: 'quality_feedback',
      quality_feedback: feedback[0]?.id,
      cause: '客户储存条件不符合说明书要求',
      action: '向阴凉储存品种的客户发放储存条件告知书',
      owner: '售后服务 黄磊',
      due_date: addDays(today, 20),
      status: 'open',
    },
    {
      source: 'visit',
      visit: opinion[0]?.id,
      cause: '近效期品种未提前告知客户',
      action: '每月初向客户发送近效期品种清单',
      owner: '销售部 林国栋',
      due_date: addDays(today, -15),
      status: 'open',
    },
  ].filter((a) => a.complaint ?? a.quality_feedback ?? a.visit);
  for (const [i, a] of actions.entries()) {
    const row = await w.create('corrective_actions', {
      ...a,
      action_no: docNo('GJ', addDays(a.due_date, -30), i + 1),
      verified_by: a.status === 'verified' ? actors.qa.display_name : null,
      verified_at: a.status === 'verified' ? addDays(a.completed_at!, 5) : null,
    });
    if (a.status === 'verified')
      tasks.push({
        resource: 'corrective_actions',
        id: row.id,
        meaning: 'verify_corrective_action',
        signer: actors.qa,
        at: at(addDays(a.completed_at!, 5), 15, 0),
      });
  }
  await writeSignatures(w, tasks);
}
