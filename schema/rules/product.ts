/** Product and batch rules on a sales line. */
import { BATCH_STATUS } from '../enums';
import { dateOf } from './dates';
import { parts, productName, rule } from './rule';

export const productRules = [
  rule({
    code: 'PRODUCT_NOT_APPROVED',
    severity: 'error',
    source: '第二篇 3.1',
    section: 'product',
    appliesTo: 'sales_lines',
    title: { zh: '品种未通过首营审核', en: 'Product not approved by QA' },
    test(line, ctx) {
      const { product: p } = parts(line, ctx);
      if (!p || p.qa_status === 'approved') return null;
      const rejected = p.qa_status === 'rejected';
      return {
        fields: ['product'],
        zh: `「${productName(p)}」${rejected ? '的首营品种审核已被驳回' : '尚未通过质管部首营品种审核'}，不得销售。请提交该品种的批准证明文件等资料，经质管部审核通过后再销售。`,
        en: `"${productName(p)}" ${rejected ? 'was rejected in' : 'has not passed'} QA's first-variety review and may not be sold. Submit its approval documents for QA review first.`,
      };
    },
  }),
  rule({
    code: 'BATCH_EXPIRED',
    severity: 'error',
    source: '《药品经营质量管理规范》; 第二篇 3.14',
    section: 'product',
    appliesTo: 'sales_lines',
    title: { zh: '销售过期批次', en: 'Expired batch sold' },
    // Expired means expiry_date before the sale date: a batch sold on its expiry date is still in date.
    test(line, ctx) {
      const { batch: b, product: p, date } = parts(line, ctx);
      const expiry = dateOf(b?.expiry_date);
      if (!b || !expiry || expiry >= date) return null;
      return {
        fields: ['batch'],
        zh: `「${productName(p)}」批号 ${b.batch_no ?? ''} 的有效期至 ${expiry}，早于销售日期 ${date}，属过期药品/器械，不得销售。请停止销售、收回已售货物，并按不合格品程序处理该批次。`,
        en: `Batch ${b.batch_no ?? ''} of "${productName(p)}" expired on ${expiry}, before the sale date ${date}; expired goods must not be sold. Stop the sale, recover the goods and handle the batch as nonconforming.`,
        params: { expiry_date: expiry, sale_date: date },
      };
    },
  }),
  rule({
    code: 'BATCH_BLOCKED',
    severity: 'error',
    source: '第四篇 一.6; 第二篇 3.14',
    section: 'product',
    appliesTo: 'sales_lines',
    title: { zh: '销售不合格、暂停或召回批次', en: 'Blocked batch sold' },
    // The batch's status is its current one (no history is kept); a recall record dates the block, so a
    // batch marked recalled whose recalls all started after the sale date was not blocked when sold.
    test(line, ctx) {
      const { batch: b, product: p, date } = parts(line, ctx);
      if (!b) return null;
      const productId = b.product ?? line.product;
      const recalls = productId != null && b.batch_no ? ctx.recallsCovering(productId, b.batch_no) : [];
      const started = recalls.filter((r) => {
        const s = dateOf(r.started_at);
        return s !== null && s <= date;
      });
      // a batch found nonconforming on a known day (its 已售不合格品处理 case) was not blocked for the sales before it
      const found = b.status === 'nonconforming' && b.id != null ? ctx.nonconformingSince?.(b.id) : null;
      const byStatus =
        (b.status === 'nonconforming' && !(found && date < found)) ||
        b.status === 'quarantined' ||
        (b.status === 'recalled' && (recalls.length === 0 || started.length > 0));
      if (!byStatus && started.length === 0) return null;
      const why =
        started.length > 0
          ? { zh: `已于 ${started[0].started_at} 启动召回（${started[0].recall_no ?? ''}）`, en: `is under recall since ${started[0].started_at}` }
          : { zh: `质量状态为「${BATCH_STATUS.labels[b.status!][0]}」`, en: `has quality status "${BATCH_STATUS.labels[b.status!][1]}"` };
      return {
        fields: ['batch'],
        zh: `「${productName(p)}」批号 ${b.batch_no ?? ''} ${why.zh}，不得开票销售。请停止销售并通知客户停止使用、协助召回；如质量状态有误，请由质管部更正批次状态。`,
        en: `Batch ${b.batch_no ?? ''} of "${productName(p)}" ${why.en} and must not be sold. Stop the sale, tell the customer to stop using it and help recover it; if the status is wrong, QA should correct it.`,
      };
    },
  }),
];
