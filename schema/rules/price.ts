/** Price control (第五篇 4): the government cap, and the sales head's range unless the head approved. */
import { legacyValue } from '../legacy';
import { blank, isNum, parts, productName, rule } from './rule';

/** a > b by more than half a fen: prices are compared in cents */
const above = (a: number, b: number) => Math.round(a * 100) > Math.round(b * 100);

export const priceRules = [
  rule({
    code: 'PRICE_ABOVE_CAP',
    severity: 'error',
    source: '第五篇 4.1',
    section: 'price',
    appliesTo: 'sales_lines',
    title: { zh: '单价高于最高限价', en: 'Price above the government cap' },
    test(line, ctx) {
      const { product: p } = parts(line, ctx);
      const price = line.unit_price;
      if (!p || !isNum(price) || !isNum(p.price_cap) || !above(price, p.price_cap)) return null;
      return {
        fields: ['unit_price'],
        zh: `「${productName(p)}」单价 ${price} 元高于物价部门批准的最高限价 ${p.price_cap} 元。最高销售价格不得高于批准限价，任何审批都不能例外；请将单价改为不高于 ${p.price_cap} 元。`,
        en: `The unit price ${price} of "${productName(p)}" is above the government maximum price ${p.price_cap}. No approval can lift the cap: set the price to ${p.price_cap} or less.`,
        params: { unit_price: price, price_cap: p.price_cap },
      };
    },
  }),
  rule({
    code: 'PRICE_OUT_OF_RANGE',
    severity: 'error',
    source: '第五篇 4.2–4.4',
    section: 'price',
    appliesTo: 'sales_lines',
    title: { zh: '单价超出限定幅度且未经审批', en: 'Price outside the range without approval' },
    test(line, ctx) {
      const { product: p } = parts(line, ctx);
      const price = line.unit_price;
      if (!p || !isNum(price) || !blank(legacyValue(line, 'price_approved_by', !!line.legacy))) return null;
      const low = isNum(p.price_min) && above(p.price_min, price);
      const high = isNum(p.price_max) && above(price, p.price_max);
      if (!low && !high) return null;
      const range = `${p.price_min ?? '—'} ~ ${p.price_max ?? '—'}`;
      return {
        fields: ['unit_price'],
        zh: `「${productName(p)}」单价 ${price} 元${low ? '低于' : '高于'}销售部负责人限定的价格幅度（${range} 元），且没有超限价审批人。请按限定幅度调整单价，或经销售部负责人审核同意后登记超限价审批人。`,
        en: `The unit price ${price} of "${productName(p)}" is ${low ? 'below' : 'above'} the range set by the head of sales (${range}) and nobody approved it. Adjust the price, or have the head of sales approve it and record the approver.`,
        params: { unit_price: price, range },
      };
    },
  }),
];
