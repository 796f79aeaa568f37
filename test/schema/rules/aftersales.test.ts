import { describe, expect, it } from 'vitest';
import type {
  AdverseReactionView,
  ComplaintView,
  QualityFeedbackView,
  RecallNoticeView,
  RecordKind,
  RecordViews,
  ServicePointView,
} from '../../../schema/rules';
import { P, findings, runCase, world, type Case, type World } from './fixtures';

/** Each case builds its record from a compliant base and the world (for as-of / settings). */
function table<K extends RecordKind>(code: string, kind: K, base: () => RecordViews[K], cases: (Case & { rec?: Partial<RecordViews[K]> })[]) {
  describe(code, () => {
    it.each(cases)('$name', (c) => {
      let rec!: RecordViews[K];
      runCase(code, kind, () => rec, {
        ...c,
        set: (w) => {
          rec = { ...base(), ...c.rec } as RecordViews[K];
          c.set(w);
        },
      });
    });
  });
}
const asOf = (d: string) => (w: World) => {
  w.asOf = d;
};

describe('after-sales rules', () => {
  // received 2024-06-01, 15 days: day 15 = 2024-06-16 in time, day 16 = 2024-06-17 late
  const complaint = (): ComplaintView => ({
    complaint_no: 'TS-1',
    customer: 1,
    received_at: '2024-06-01',
    investigation: '已调查',
    measures: '退换',
    feedback_at: '2024-06-16',
  });
  table('COMPLAINT_OVERDUE', 'complaints', complaint, [
    { name: 'feedback on day 15', fires: false, set: () => {} },
    { name: 'feedback on day 16', fires: true, fields: ['feedback_at'], rec: { feedback_at: '2024-06-17' }, set: () => {} },
    { name: 'nothing done, as-of day 15', fires: false, rec: { investigation: null, measures: null, feedback_at: null }, set: asOf('2024-06-16') },
    {
      name: 'nothing done, as-of day 16',
      fires: true,
      fields: ['investigation', 'measures', 'feedback_at'],
      rec: { investigation: null, measures: null, feedback_at: null },
      set: asOf('2024-06-17'),
    },
    { name: 'answered in time but no measures recorded', fires: true, fields: ['measures'], rec: { measures: '' }, set: () => {} },
    {
      name: 'window from settings',
      fires: true,
      rec: { feedback_at: '2024-06-05' },
      set: (w) => {
        w.settings = { complaintDays: 3 };
      },
    },
  ]);

  // as-of 2024-06-30: the last complete month is 2024-05
  const point = (): ServicePointView => ({ ...world().customers[0], service_point: true, visits: [{ visit_date: '2024-05-20', kind: 'scheduled' }] });
  table('SERVICE_VISIT_MISSING', 'customers', point, [
    { name: 'visited last month', fires: false, set: () => {} },
    { name: 'no visit last month', fires: true, fields: ['visits'], rec: { visits: [{ visit_date: '2024-04-20', kind: 'scheduled' }] }, set: () => {} },
    { name: 'only a phone call last month', fires: true, rec: { visits: [{ visit_date: '2024-05-20', kind: 'phone' }] }, set: () => {} },
    { name: 'a random visit counts', fires: false, rec: { visits: [{ visit_date: '2024-05-31', kind: 'random' }] }, set: () => {} },
    { name: 'the current month is not judged yet', fires: false, rec: { visits: [{ visit_date: '2024-05-01', kind: 'maintenance' }] }, set: () => {} },
    { name: 'since March: one finding per missing month', fires: true, count: 2, rec: { since: '2024-03-15' }, set: () => {} },
    { name: 'not a service point', fires: false, rec: { service_point: false, visits: [] }, set: () => {} },
  ]);

  // recall started 2024-06-01, 1 day: notice on 2024-06-02 in time, 2024-06-03 late
  const notice = (): RecallNoticeView => ({ recall: 1, customer: 1, quantity_sold: 10, notified_at: '2024-06-02' });
  const withRecall =
    (then: (w: World) => void = () => {}) =>
    (w: World) => {
      w.recalls.push({ id: 1, recall_no: 'ZH-1', product: P.drug, batches: ['B001'], started_at: '2024-06-01' });
      then(w);
    };
  table('RECALL_NOT_NOTIFIED', 'recall_notices', notice, [
    { name: 'notified the next day', fires: false, set: withRecall() },
    { name: 'notified two days later', fires: true, fields: ['notified_at'], rec: { notified_at: '2024-06-03' }, set: withRecall() },
    { name: 'not notified, as-of the next day', fires: false, rec: { notified_at: null }, set: withRecall(asOf('2024-06-02')) },
    { name: 'not notified, as-of two days later', fires: true, rec: { notified_at: null }, set: withRecall(asOf('2024-06-03')) },
    { name: 'customer received none', fires: false, rec: { notified_at: null, quantity_sold: 0 }, set: withRecall() },
  ]);

  const adr = (): AdverseReactionView => ({ product: P.drug, received_at: '2024-06-01', forwarded_to_qa_at: '2024-06-16' });
  table('ADR_NOT_FORWARDED', 'adverse_reactions', adr, [
    { name: 'forwarded on day 15', fires: false, set: () => {} },
    { name: 'forwarded on day 16', fires: true, fields: ['forwarded_to_qa_at'], rec: { forwarded_to_qa_at: '2024-06-17' }, set: () => {} },
    { name: 'not forwarded, as-of day 15', fires: false, rec: { forwarded_to_qa_at: null }, set: asOf('2024-06-16') },
    { name: 'not forwarded, as-of day 16', fires: true, rec: { forwarded_to_qa_at: null }, set: asOf('2024-06-17') },
  ]);

  // filed 2024-06-01 (a UTC timestamp late in the day is already 06-02 in China), 7 days
  const form = (): QualityFeedbackView => ({ form_no: 'FK-1', created_at: '2024-06-01T01:00:00Z', reported_at: '2024-06-08' });
  table('QUALITY_FEEDBACK_UNHANDLED', 'quality_feedback', form, [
    { name: 'reported on day 7', fires: false, set: () => {} },
    { name: 'reported on day 8', fires: true, fields: ['reported_at'], rec: { reported_at: '2024-06-09' }, set: () => {} },
    { name: 'filed 17:00 UTC = next day in China', fires: false, rec: { created_at: '2024-06-01T17:00:00Z', reported_at: '2024-06-09' }, set: () => {} },
    { name: 'not reported, as-of day 8', fires: true, rec: { reported_at: null }, set: asOf('2024-06-09') },
    { name: 'not reported, as-of day 7', fires: false, rec: { reported_at: null }, set: asOf('2024-06-08') },
  ]);

  it('one finding per missing month names the month', () => {
    const w = world();
    const out = findings(w, 'customers', { ...w.customers[0], service_point: true, visits: [], since: '2024-04-01' });
    expect(out.map((f) => f.params?.month)).toEqual(['2024-04', '2024-05']);
  });
});
