/**
 * The staff and quality rules (#14), table-driven like the other families: SALESPERSON_UNQUALIFIED on a
 * sale (with the grace period), SALESPERSON_NO_SOCIAL_INSURANCE and SALESPERSON_ASSESSMENT_FAILED on the
 * salesperson, CORRECTIVE_ACTION_OVERDUE on a corrective action; and the qualification the letter issue reads.
 */
import { describe, expect, it } from 'vitest';
import { qualificationGaps, type CorrectiveActionRow, type SalespersonView } from '../../../schema/rules';
import { AS_OF, SALE, runCase, type Case, type World } from './fixtures';

const sp = (w: World) => w.salespeople[0];
const person = (w: World): SalespersonView => ({ ...sp(w), assessments: (w as World & { assessments?: SalespersonView['assessments'] }).assessments ?? [] });
const withAssessments = (w: World, a: SalespersonView['assessments']) => Object.assign(w, { assessments: a });
const grace = (w: World, days: number) => {
  w.settings = { qualificationGraceDays: days };
};
const action: CorrectiveActionRow = { action_no: 'GJ-202406-001', owner: '王芳', due_date: '2024-06-15', completed_at: null, status: 'open' };

const unqualified: Case[] = [
  { name: 'compliant', fires: false, set: () => {} },
  {
    name: 'no labour contract at all',
    fires: true,
    set: (w) => {
      Object.assign(sp(w), { contract_start: null, contract_end: null });
    },
  },
  {
    name: 'contract ended 30 days before the sale (within the 30-day grace)',
    fires: false,
    set: (w) => {
      sp(w).contract_end = '2024-04-02';
    },
  },
  {
    name: 'contract ended 31 days before the sale',
    fires: true,
    set: (w) => {
      sp(w).contract_end = '2024-04-01';
    },
  },
  {
    name: 'contract ended the day before, grace 0',
    fires: true,
    set: (w) => {
      grace(w, 0);
      sp(w).contract_end = '2024-05-01';
    },
  },
  {
    name: 'contract starts after the sale',
    fires: true,
    set: (w) => {
      sp(w).contract_start = '2024-05-03';
    },
  },
  {
    name: 'no permit',
    fires: true,
    set: (w) => {
      Object.assign(sp(w), { permit_no: null, permit_valid_to: null });
    },
  },
  {
    name: 'permit expired 12 days before (grace)',
    fires: false,
    set: (w) => {
      sp(w).permit_valid_to = '2024-04-20';
    },
  },
  {
    name: 'permit expired 45 days before',
    fires: true,
    set: (w) => {
      sp(w).permit_valid_to = '2024-03-18';
    },
  },
  {
    name: 'latest training failed 40 days before, no retake',
    fires: true,
    set: (w) => {
      w.trainings.push({ id: 2, salesperson: 1, date: '2024-03-23', topic: '年度培训', passed: false });
    },
  },
  {
    name: 'latest training failed 10 days before (grace to retake)',
    fires: false,
    set: (w) => {
      w.trainings.push({ id: 2, salesperson: 1, date: '2024-04-22', topic: '年度培训', passed: false });
    },
  },
  {
    name: 'failed, then passed the retake',
    fires: false,
    set: (w) => {
      w.trainings.push(
        { id: 2, salesperson: 1, date: '2024-01-10', topic: '年度培训', passed: false },
        { id: 3, salesperson: 1, date: '2024-01-24', topic: '年度培训（补考）', passed: true },
      );
    },
  },
  {
    name: 'a failed training after the sale does not count',
    fires: false,
    set: (w) => {
      w.trainings.push({ id: 2, salesperson: 1, date: '2024-06-01', topic: '年度培训', passed: false });
    },
  },
  {
    name: 'no training record at all (legacy files keep none: the letter issue refuses instead)',
    fires: false,
    set: (w) => {
      w.trainings = [];
    },
  },
  {
    name: 'every gap in one finding',
    fires: true,
    set: (w) => {
      Object.assign(sp(w), { contract_start: null, contract_end: null, permit_no: null });
    },
  },
];

const noInsurance: Case[] = [
  { name: 'insured', fires: false, set: () => {} },
  {
    name: 'not insured',
    fires: true,
    set: (w) => {
      sp(w).social_insurance = false;
    },
    fields: ['social_insurance'],
  },
  {
    name: 'not recorded',
    fires: true,
    set: (w) => {
      sp(w).social_insurance = null;
    },
  },
];

const failed: Case[] = [
  { name: 'no assessment yet', fires: false, set: () => {} },
  { name: 'latest failed', fires: true, set: (w) => withAssessments(w, [{ id: 1, period_from: '2024-01-01', period_to: '2024-03-31', conclusion: 'failed' }]) },
  {
    name: 'failed, then passed the next period',
    fires: false,
    set: (w) =>
      withAssessments(w, [
        { id: 2, period_from: '2024-04-01', period_to: '2024-06-30', conclusion: 'passed' },
        { id: 1, period_from: '2024-01-01', period_to: '2024-03-31', conclusion: 'failed' },
      ]),
  },
  {
    name: 'passed, then failed',
    fires: true,
    set: (w) =>
      withAssessments(w, [
        { id: 1, period_from: '2024-01-01', period_to: '2024-03-31', conclusion: 'passed' },
        { id: 2, period_from: '2024-04-01', period_to: '2024-06-30', conclusion: 'failed' },
      ]),
  },
  {
    name: 'to improve is not failed',
    fires: false,
    set: (w) => withAssessments(w, [{ id: 1, period_from: '2024-01-01', period_to: '2024-03-31', conclusion: 'improve' }]),
  },
];

const overdue: { name: string; fires: boolean; a: Partial<CorrectiveActionRow> }[] = [
  { name: `open, due ${action.due_date}, as-of ${AS_OF}`, fires: true, a: {} },
  { name: 'open, due on as-of', fires: false, a: { due_date: AS_OF } },
  { name: 'completed on the due date', fires: false, a: { completed_at: '2024-06-15', status: 'done' } },
  { name: 'completed after the due date', fires: true, a: { completed_at: '2024-06-20', status: 'verified' } },
  { name: 'no due date', fires: false, a: { due_date: null } },
];

describe('staff rules', () => {
  describe('SALESPERSON_UNQUALIFIED', () => {
    it.each(unqualified)('$name', (c) => {
      runCase('SALESPERSON_UNQUALIFIED', 'sales_lines', (w) => w.line, c);
    });
  });
  describe('SALESPERSON_NO_SOCIAL_INSURANCE', () => {
    it.each(noInsurance)('$name', (c) => {
      runCase('SALESPERSON_NO_SOCIAL_INSURANCE', 'salespeople', person, c);
    });
  });
  describe('SALESPERSON_ASSESSMENT_FAILED', () => {
    it.each(failed)('$name', (c) => {
      runCase('SALESPERSON_ASSESSMENT_FAILED', 'salespeople', person, c);
    });
  });
  describe('CORRECTIVE_ACTION_OVERDUE', () => {
    it.each(overdue)('$name', ({ fires, a }) => {
      runCase('CORRECTIVE_ACTION_OVERDUE', 'corrective_actions', () => ({ ...action, ...a }), { name: '', fires, set: () => {} });
    });
  });
});

describe('qualificationGaps for the letter issue', () => {
  const s = { id: 1, name: '孙悦', contract_start: '2023-07-01', contract_end: '2026-06-30', permit_no: 'SG700123', permit_valid_to: '2026-06-30' };
  it('requires a passed training when asked', () => {
    expect(qualificationGaps(s, [], SALE, { graceDays: 30, requireTraining: true }).map((g) => g.fields[0])).toEqual(['trainings']);
    expect(qualificationGaps(s, [{ salesperson: 1, date: '2024-01-01', passed: true }], SALE, { graceDays: 30, requireTraining: true })).toEqual([]);
    expect(
      qualificationGaps(s, [{ salesperson: 1, date: '2024-01-01', passed: false }], SALE, { graceDays: 30, requireTraining: true }).map((g) => g.fields[0]),
    ).toEqual(['trainings']);
    expect(qualificationGaps(s, [], SALE, { graceDays: 30 })).toEqual([]);
  });
});
