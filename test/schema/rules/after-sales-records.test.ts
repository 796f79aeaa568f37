/**
 * Issue #14's after-sales record rules, table-driven on the compliant world (fixtures.ts): each case perturbs one
 * thing and expects exactly its rule to fire, or to stay silent on a boundary.
 */
import { describe, expect, it } from 'vitest';
import type {
  DeliveryView,
  FollowUpPlanView,
  NonconformityView,
  OutboundSlipRow,
  RecordKind,
  RecordViews,
  ServicePromiseView,
  SupplierAgreementView,
} from '../../../schema/rules';
import { followUpDueDates } from '../../../schema/rules/after-sales-records';
import { P, runCase, sell, type Case, type World } from './fixtures';

function table<K extends RecordKind>(code: string, kind: K, base: (w: World) => RecordViews[K], cases: (Case & { rec?: Partial<RecordViews[K]> })[]) {
  describe(code, () => {
    it.each(cases)('$name', (c) => {
      let rec!: RecordViews[K];
      runCase(code, kind, () => rec, {
        ...c,
        set: (w) => {
          c.set(w);
          rec = { ...base(w), ...c.rec } as RecordViews[K];
        },
      });
    });
  });
}
const asOf = (d: string) => (w: World) => {
  w.asOf = d;
};
const none = () => {};

describe('after-sales record rules', () => {
  // found 2024-06-10, recallNoticeDays 1: decided by 2024-06-11 in time
  const kase = (): NonconformityView => ({
    case_no: 'BH-1',
    batch: 1,
    product: P.drug,
    found_at: '2024-06-10',
    customers_count: 2,
    decision: 'pending',
    status: 'open',
    notices: [{ customer: 1, quantity_sold: 10, notified_at: '2024-06-11' }],
  });
  table('NONCONFORMING_SOLD_NOT_NOTIFIED', 'nonconformities', kase, [
    { name: 'undecided the day after', fires: false, set: asOf('2024-06-11') },
    { name: 'undecided two days after', fires: true, fields: ['decision'], set: asOf('2024-06-12') },
    { name: 'nobody received it', fires: false, rec: { customers_count: 0 }, set: none },
    { name: "a recall was opened (its notices are RECALL_NOT_NOTIFIED's)", fires: false, rec: { decision: 'recall' }, set: none },
    { name: 'closed', fires: false, rec: { status: 'closed' }, set: none },
    { name: 'notices, all told in time', fires: false, rec: { decision: 'notice' }, set: none },
    {
      name: 'notices, one told late',
      fires: true,
      fields: ['notices'],
      rec: { decision: 'notice', notices: [{ customer: 1, quantity_sold: 10, notified_at: '2024-06-13' }] },
      set: none,
    },
    { name: 'notices, one not told', fires: true, rec: { decision: 'notice', notices: [{ customer: 1, quantity_sold: 10, notified_at: null }] }, set: none },
    {
      name: 'window from settings',
      fires: false,
      set: (w) => {
        w.asOf = '2024-06-13';
        w.settings = { recallNoticeDays: 3 };
      },
    },
  ]);

  // a delivery of the cold product (冷藏, 2–10 ℃)
  const delivery = (): DeliveryView => ({
    slip: 1,
    cold_chain: true,
    storage: 'cold',
    arrived_at: '2024-05-03T08:00:00Z',
    temp_start: 4,
    temp_end: 6,
    temp_min: 3.5,
    temp_max: 7,
  });
  table('DELIVERY_TEMPERATURE_MISSING', 'deliveries', delivery, [
    { name: 'both temperatures recorded', fires: false, set: none },
    { name: 'arrived without the arrival temperature', fires: true, fields: ['temp_end'], rec: { temp_end: null }, set: none },
    { name: 'arrived without either', fires: true, fields: ['temp_start', 'temp_end'], rec: { temp_start: null, temp_end: null }, set: none },
    { name: 'still on the road', fires: false, rec: { temp_end: null, arrived_at: null }, set: none },
    { name: 'not cold chain', fires: false, rec: { cold_chain: false, storage: null, temp_start: null, temp_end: null }, set: none },
  ]);
  table('DELIVERY_TEMPERATURE_EXCURSION', 'deliveries', delivery, [
    { name: 'within 2–10 ℃', fires: false, set: none },
    { name: 'exactly 2 and 10 ℃', fires: false, rec: { temp_min: 2, temp_max: 10 }, set: none },
    { name: 'rose to 12 ℃ on the road', fires: true, fields: ['temp_max'], rec: { temp_max: 12 }, set: none },
    { name: 'froze (−1 ℃) and arrived at 11 ℃', fires: true, fields: ['temp_end', 'temp_min'], rec: { temp_min: -1, temp_end: 11 }, set: none },
    { name: 'frozen goods at −18 ℃', fires: false, rec: { storage: 'frozen', temp_start: -18, temp_end: -16, temp_min: -20, temp_max: -15 }, set: none },
    {
      name: 'frozen goods thawing to −5 ℃',
      fires: true,
      fields: ['temp_end', 'temp_max'],
      rec: { storage: 'frozen', temp_start: -18, temp_end: -5, temp_min: -20, temp_max: -5 },
      set: none,
    },
  ]);

  // the world's slip (receipt confirmed 2024-05-05) carrying the cold product
  const slip = (w: World): OutboundSlipRow => ({ ...w.slip, deliveries: [{ temp_start: 4, temp_end: 6 }] });
  const cold = (w: World) => sell(w, P.cold);
  table('COLD_CHAIN_DELIVERY_UNRECORDED', 'outbound_slips', slip, [
    { name: 'cold goods with a temperature record', fires: false, set: cold },
    { name: 'cold goods received, no delivery record', fires: true, fields: ['receipt_confirmed_at'], rec: { deliveries: [] }, set: cold },
    { name: 'cold goods received, delivery without the arrival temperature', fires: true, rec: { deliveries: [{ temp_start: 4, temp_end: null }] }, set: cold },
    { name: 'not yet received', fires: false, rec: { deliveries: [], receipt_confirmed_at: null }, set: cold },
    { name: 'room-temperature goods', fires: false, rec: { deliveries: [] }, set: none },
    { name: 'an imported slip (its deliveries unknown)', fires: false, rec: { deliveries: undefined }, set: cold },
  ]);

  const promise = (): ServicePromiseView => ({ contract: 1, customer: 1, promise: '每季度上门校准血压计', due_date: '2024-06-15', fulfilled_at: '2024-06-15' });
  table('SERVICE_PROMISE_OVERDUE', 'service_promises', promise, [
    { name: 'kept on the day', fires: false, set: none },
    { name: 'kept a day late', fires: true, fields: ['fulfilled_at'], rec: { fulfilled_at: '2024-06-16' }, set: none },
    { name: 'not kept, due today', fires: false, rec: { fulfilled_at: null }, set: asOf('2024-06-15') },
    { name: 'not kept, due yesterday', fires: true, rec: { fulfilled_at: null }, set: asOf('2024-06-16') },
  ]);

  // every 30 days from 2024-04-01: due 2024-05-01, 2024-05-31, 2024-06-30 (judged from 2024-07-01)
  const plan = (): FollowUpPlanView => ({
    customer: 1,
    product: P.cold,
    kind: 'medication_effect',
    start_date: '2024-04-01',
    interval_days: 30,
    end_date: null,
    visits: [{ visit_date: '2024-04-20' }, { visit_date: '2024-05-31' }],
  });
  table('FOLLOW_UP_OVERDUE', 'follow_up_plans', plan, [
    { name: 'each due date met', fires: false, set: none },
    { name: 'the last due date is today: not judged yet', fires: false, set: asOf('2024-06-30') },
    { name: 'the last due date passed without a visit', fires: true, fields: ['visits'], set: asOf('2024-07-01') },
    {
      name: 'a visit before the interval does not count',
      fires: true,
      rec: { visits: [{ visit_date: '2024-04-01' }, { visit_date: '2024-05-31' }] },
      set: none,
    },
    { name: 'the plan ended before', fires: false, rec: { end_date: '2024-06-29' }, set: asOf('2024-07-05') },
  ]);
  it('FOLLOW_UP_OVERDUE: the due dates of a plan', () => {
    expect(followUpDueDates('2024-04-01', 30, null, '2024-06-30')).toEqual(['2024-05-01', '2024-05-31', '2024-06-30']);
    expect(followUpDueDates('2024-04-01', 30, '2024-05-31', '2024-12-31')).toEqual(['2024-05-01', '2024-05-31']);
    expect(followUpDueDates('2024-04-01', 0, null, '2024-12-31')).toEqual([]);
  });

  const agreement = (): SupplierAgreementView => ({
    agreement_no: 'ZB-2024-01',
    supplier: 1,
    valid_from: '2024-01-01',
    valid_to: '2024-06-30',
    covers_devices: true,
    repair_terms: '保修一年，48 小时内上门维修',
  });
  table('SUPPLIER_AGREEMENT_EXPIRED', 'supplier_agreements', agreement, [
    { name: 'valid through as-of', fires: false, set: none },
    { name: 'ended the day before as-of', fires: true, fields: ['valid_to'], set: asOf('2024-07-01') },
  ]);
  table('DEVICE_REPAIR_TERMS_MISSING', 'supplier_agreements', agreement, [
    { name: 'devices with a repair clause', fires: false, set: none },
    { name: 'devices without one', fires: true, fields: ['repair_terms'], rec: { repair_terms: ' ' }, set: none },
    { name: 'drugs only', fires: false, rec: { covers_devices: false, repair_terms: null }, set: none },
  ]);
});
