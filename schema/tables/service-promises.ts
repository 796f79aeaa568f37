/**
 * 第五篇 7「如有服务承诺的，应如期付诸实施，不得失信」: what a contract promised after the sale (its 售后服务约定),
 * one dated obligation each, tracked until it is fulfilled (the fulfil step records when and how).
 */
import { defineResource, f, req } from '../define';

export const servicePromises = defineResource({
  name: 'service_promises',
  label: ['服务承诺', 'Service promises'],
  area: 'sales',
  fields: {
    contract: f.ref('contracts', '合同编号', 'Contract', req),
    customer: f.ref('customers', '购货单位', 'Customer', { readOnly: true, derive: { via: 'contract', field: 'customer' } }),
    promise: f.textarea('承诺内容', 'Promise', req),
    due_date: f.date('承诺兑现日期', 'Due on', req),
    owner: f.text('负责人', 'Owner', req),
    fulfilled_at: f.date('兑现日期', 'Fulfilled on'),
    fulfilment: f.textarea('兑现情况', 'How it was fulfilled'),
  },
  list: ['contract', 'customer', 'promise', 'due_date', 'owner', 'fulfilled_at'],
  filters: ['contract', 'customer', 'due_date', 'fulfilled_at'],
  search: ['promise', 'owner', 'contract.contract_no'],
  display: ['due_date', 'promise'],
  sort: ['due_date', 'ASC'],
});
