/**
 * 第一篇 3 跟踪顾客的用药效果 and 第四篇 二.4 特殊产品的跟踪售后服务: a plan per customer and product — from when,
 * how often, until when — whose due dates are met by the customer visits (visits) of that customer and
 * product, the same records the service points' monthly plan counts.
 */
import { defineResource, f, req } from '../define';
import { FOLLOW_UP_KIND } from '../enums';

export const followUpPlans = defineResource({
  name: 'follow_up_plans',
  label: ['跟踪服务计划', 'Follow-up plans'],
  area: 'aftersales',
  fields: {
    customer: f.ref('customers', '单位名称', 'Customer', req),
    product: f.ref('products', '通用名称', 'Product', req),
    kind: f.enum(FOLLOW_UP_KIND, '跟踪类别', 'Kind', req),
    start_date: f.date('开始日期', 'Starts on', req),
    interval_days: f.int('跟踪间隔（天）', 'Every (days)', req),
    end_date: f.date('结束日期', 'Ends on'),
    staff: f.text('跟踪人员', 'Staff', req),
    purpose: f.textarea('跟踪内容', 'What to follow up'),
  },
  list: ['customer', 'product', 'kind', 'start_date', 'interval_days', 'end_date', 'staff'],
  filters: ['customer', 'product', 'kind', 'start_date'],
  search: ['staff', 'purpose', 'customer.name', 'product.generic_name'],
  display: ['kind', 'start_date'],
  sort: ['start_date', 'DESC'],
});
