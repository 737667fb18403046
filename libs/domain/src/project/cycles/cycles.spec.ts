import { given, type Outcome } from '../../testing/decider-spec.js';
import type { ProjectEvent } from '../events.js';
import { ALLOCATED_FEN, at, e, historyAt, indicatorsFor, RULEBOOK_REF } from '../../testing/fixtures.js';
import { sampleCommand } from '../../testing/sample-commands.js';
import { nationalRulebook2020 } from '../../rulebook/national-2020.js';
import { practiceRulebook2027 } from '../../rulebook/practice-2027.js';
import { makeEvent } from '../make-event.js';
import { replay } from '../decider.js';
import { STAGES } from '../stages.js';
import { cutCapFen, cycleOf, cyclesOf } from './cycle.js';
import { fiscalYearOfCommand, withFiscalYears } from './fiscal-year-of.js';
import { midLifeOf, needsMidTermEvaluation } from './mid-life.js';

const OPENED_AT = '2026-05-01T00:00:00Z';
const CUT_FEN = 10_000_000; // 10% of 1,000,000 yuan

/** Year 2025 graded 中 (fair), maintained, cut 10%, with a rectification ordered. */
const fairYear = [
  ...historyAt.executing,
  e.scored('eval-1', 'fair'),
  makeEvent('ProjectMaintained', { evaluationId: 'eval-1', grade: 'fair', note: null, appliedAt: '2026-04-01T00:00:00Z', rulebook: RULEBOOK_REF }),
  makeEvent('BudgetCut', {
    cutId: 'cut-1',
    cause: { kind: 'evaluation', evaluationId: 'eval-1' },
    grade: 'fair',
    baseFen: ALLOCATED_FEN,
    proportion: 0.1,
    amountFen: CUT_FEN,
    cutAt: '2026-04-01T00:00:00Z',
    rulebook: RULEBOOK_REF,
  }),
  e.rectificationOrdered('rect-1', '2026-09-01T00:00:00Z'),
];

const openNext = { ...sampleCommand.OpenNextCycle };
const acceptedEvents = (outcome: Outcome): ProjectEvent[] => {
  if (!outcome.decision.ok) throw new Error(outcome.decision.error.ruleId);
  return outcome.decision.events;
};
const opened = (history = fairYear) => given(...history).when(openNext, at(OPENED_AT));
/** Year 2026 opened, its goals approved and the project admitted: ready to be allocated. */
const admitted2026 = () => [
  ...fairYear,
  ...acceptedEvents(opened()),
  e.reviewed('good'),
  makeEvent('ProjectAdmitted', { reviewScore: 90, reasons: [], admittedAt: '2026-06-01T00:00:00Z' }),
];

describe('OpenNextCycle (延续性项目申报下一年度)', () => {
  it('opens year N+1 with its goals and request, carrying year N’s result, cuts, cap and open rectifications', () => {
    opened().then(
      makeEvent('CycleOpened', {
        fiscalYear: 2026,
        overallGoal: openNext.overallGoal,
        indicators: indicatorsFor(2026).map((i) => ({ ...i, criteria: i.criteria ?? null, unit: i.unit ?? null, target: i.target ?? null })),
        requestedFen: openNext.requestedFen,
        carriedOver: {
          fromFiscalYear: 2025,
          resultDecision: 'maintain',
          resultEvaluationId: 'eval-1',
          adjustedBudgetFen: ALLOCATED_FEN,
          cuts: [{ cutId: 'cut-1', amountFen: CUT_FEN }],
          cutTotalFen: CUT_FEN,
          capFen: ALLOCATED_FEN - CUT_FEN,
          openRectificationIds: ['rect-1'],
        },
        openedAt: OPENED_AT,
      }),
    );
  });

  it('starts the new year afresh, keeps the year before as a cycle, and carries the open rectification', () => {
    const state = opened().stateAfter();
    expect(state).toMatchObject({ fiscalYear: 2026, stage: 'goals-submitted', allocatedFen: 0, evaluations: [], cuts: [], result: null, goalsRevision: 1 });
    expect(state.rectifications.map((r) => r.rectificationId)).toEqual(['rect-1']);
    expect(cyclesOf(state).map((c) => [c.fiscalYear, c.stage])).toEqual([
      [2025, 'results'],
      [2026, 'goals-submitted'],
    ]);
    expect(cycleOf(state, 2025)).toMatchObject({ allocatedFen: ALLOCATED_FEN, cuts: [{ cutId: 'cut-1', amountFen: CUT_FEN }], result: { decision: 'maintain' } });
  });

  it('is refused for a cancelled project', () => {
    const cancelled = [
      ...historyAt.executing,
      e.scored('eval-1', 'poor'),
      makeEvent('ProjectCancelled', { evaluationId: 'eval-1', grade: 'poor', note: null, appliedAt: '2026-04-01T00:00:00Z', rulebook: RULEBOOK_REF }),
    ];
    opened(cancelled).thenRefuses('invariant', 'cycle.project-cancelled');
  });

  it('is refused for a year other than the next', () => {
    given(...fairYear).when({ ...openNext, fiscalYear: 2027 }, at(OPENED_AT)).thenRefuses('invariant', 'cycle.not-next-year');
    given(...fairYear).when({ ...openNext, fiscalYear: 2025 }, at(OPENED_AT)).thenRefuses('invariant', 'cycle.not-next-year');
  });

  it('is refused when the new goals lie outside the new year, or the amount is not whole fen', () => {
    given(...fairYear).when({ ...openNext, indicators: indicatorsFor(2025) }, at(OPENED_AT)).thenRefuses('invariant', 'goals.deadline-in-fiscal-year');
    given(...fairYear).when({ ...openNext, requestedFen: 1.5 }, at(OPENED_AT)).thenRefuses('invariant', 'money.invalid-amount');
  });

  it('fits only a year whose result is applied', () => {
    for (const stage of STAGES.filter((s) => s !== 'results' && s !== 'none')) {
      expect({ stage, ok: given(...historyAt[stage]).when(openNext, at(OPENED_AT)).decision.ok }).toEqual({ stage, ok: false });
    }
  });
});

describe('AllocateBudget in a following year: the cut cap (削减后上限)', () => {
  it('applies the year before’s cuts within the cap, recording which', () => {
    given(...admitted2026())
      .when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN - CUT_FEN }, at('2026-07-01T00:00:00Z'))
      .then(
        makeEvent('BudgetAllocated', { amountFen: ALLOCATED_FEN - CUT_FEN, requestedFen: openNext.requestedFen, reason: null, documentNo: null, allocatedAt: '2026-07-01T00:00:00Z' }),
        makeEvent('PriorCutsApplied', {
          fiscalYear: 2026,
          fromFiscalYear: 2025,
          cutIds: ['cut-1'],
          cutTotalFen: CUT_FEN,
          capFen: ALLOCATED_FEN - CUT_FEN,
          allocatedFen: ALLOCATED_FEN - CUT_FEN,
          exceptionReason: null,
          appliedAt: '2026-07-01T00:00:00Z',
        }),
      );
  });

  it('refuses one fen above the cap without a reason', () => {
    given(...admitted2026())
      .when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN - CUT_FEN + 1 }, at('2026-07-01T00:00:00Z'))
      .thenRefuses('invariant', 'allocation.above-cut-cap-needs-reason');
  });

  it('allocates above the cap with a stated reason, recorded as an exception', () => {
    const outcome = given(...admitted2026()).when(
      { type: 'AllocateBudget', amountFen: ALLOCATED_FEN, capExceptionReason: '  Flood damage doubled the repairs  ' },
      at('2026-07-01T00:00:00Z'),
    );
    expect(outcome.stateAfter().cutsApplied).toEqual({
      capFen: ALLOCATED_FEN - CUT_FEN,
      allocatedFen: ALLOCATED_FEN,
      cutIds: ['cut-1'],
      cutTotalFen: CUT_FEN,
      exceptionReason: 'Flood damage doubled the repairs',
    });
  });

  it('refuses while a rectification is overdue and unverified, unless the rulebook allows it', () => {
    const late = at('2026-09-02T00:00:00Z');
    given(...admitted2026()).when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN - CUT_FEN }, late).thenRefuses('invariant', 'allocation.rectification-overdue');
    expect(given(...admitted2026()).when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN - CUT_FEN }, { ...late, rulebook: { ...nationalRulebook2020, allocateWithOverdueRectification: true } }).decision.ok).toBe(true);
    // Reported and verified in the new year, the obligation is met.
    const verified = [
      ...admitted2026(),
      e.rectificationReported('rect-1'),
      makeEvent('RectificationVerified', { rectificationId: 'rect-1', passed: true, note: null, verifiedAt: '2026-08-01T00:00:00Z' }),
    ];
    expect(given(...verified).when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN - CUT_FEN }, late).decision.ok).toBe(true);
  });

  it('a first year has no cap: no PriorCutsApplied', () => {
    const outcome = given(...historyAt.admitted).when({ type: 'AllocateBudget', amountFen: ALLOCATED_FEN });
    expect(acceptedEvents(outcome).map((x) => x.type)).toEqual(['BudgetAllocated']);
  });

  it('the cap is the budget in force less the recorded amounts of the cuts, never below 0', () => {
    expect(cutCapFen({ adjustedBudgetFen: 100, cuts: [{ amountFen: 30 }, { amountFen: 31 }] as never })).toBe(39);
    expect(cutCapFen({ adjustedBudgetFen: 100, cuts: [{ amountFen: 70 }, { amountFen: 70 }] as never })).toBe(0);
  });
});

describe('a rectification carried into the next year', () => {
  it('once overdue, calls for accountability while the next year is at its goals; no cut until that year is funded', () => {
    const atGoals = [...fairYear, ...acceptedEvents(opened())];
    const late = at('2026-09-02T00:00:00Z');
    const cause = { kind: 'rectification' as const, rectificationId: 'rect-1' };
    expect(given(...atGoals).when({ type: 'TakeAccountabilityAction', actionId: 'acc-1', cause, target: 'water-bureau', measure: '约谈' }, late).decision.ok).toBe(true);
    given(...atGoals).when({ type: 'CutBudget', cutId: 'cut-late', cause }, late).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('ids across fiscal years', () => {
  it('an evaluation, cut or expenditure id of an earlier year is taken', () => {
    const executing2026 = [
      ...admitted2026(),
      makeEvent('BudgetAllocated', { amountFen: 1, requestedFen: 1, reason: null, documentNo: null, allocatedAt: '2026-07-01T00:00:00Z' }),
    ];
    given(...executing2026).when({ ...sampleCommand.ScoreEvaluation, evaluationId: 'eval-1' }, at('2027-03-01T00:00:00Z')).thenRefuses('invariant', 'evaluation.duplicate-id');
    given(...fairYear).when({ type: 'CutBudget', cutId: 'cut-1', cause: { kind: 'rectification', rectificationId: 'rect-1' } }, at('2026-10-01T00:00:00Z')).thenRefuses('invariant', 'cut.duplicate-id');
  });
});

describe('medium-term goals (中期目标) and the mid-term evaluation (中期评价, 10号)', () => {
  const period = { type: 'SetMediumTermGoals' as const, startYear: 2025, endYear: 2029, overallGoal: 'Every village by 2029', indicators: ['覆盖 120 个行政村'] };

  it('sets the goals of a period that includes the current year', () => {
    const state = given(...historyAt.proposed).when(period).stateAfter();
    expect(state.mediumTermGoals).toEqual({ startYear: 2025, endYear: 2029, overallGoal: 'Every village by 2029', indicators: ['覆盖 120 个行政村'] });
    given(...historyAt.proposed).when({ ...period, startYear: 2026 }).thenRefuses('invariant', 'medium-term.period-invalid');
    given(...historyAt.proposed).when({ ...period, endYear: 2024 }).thenRefuses('invariant', 'medium-term.period-invalid');
    given(...historyAt.proposed).when({ ...period, indicators: [] }).thenRefuses('invariant', 'medium-term.fields-required');
  });

  it('mid-life is halfway through the period; five years or more need a mid-term evaluation', () => {
    expect(midLifeOf(2025, 2029)).toBe('2027-07-03T00:00:00.000Z');
    expect(midLifeOf(2026, 2031)).toBe('2028-12-31T00:00:00.000Z');
    expect([needsMidTermEvaluation(2025, 2029), needsMidTermEvaluation(2025, 2028)]).toEqual([true, false]);
  });

  it('orders it once, at mid-life, for a period of five years or more', () => {
    const withPeriod = [...historyAt.executing, makeEvent('MediumTermGoalsSet', { ...period, setAt: '2025-01-01T00:00:00Z' } as never)];
    const order = { type: 'OrderMidTermEvaluation' as const };
    given(...withPeriod).when(order, at('2027-07-02T23:59:59Z')).thenRefuses('invariant', 'mid-term.not-due');
    given(...withPeriod)
      .when(order, at('2027-07-03T00:00:00Z'))
      .then(makeEvent('MidTermEvaluationOrdered', { midLifeAt: '2027-07-03T00:00:00.000Z', fiscalYear: 2025, orderedAt: '2027-07-03T00:00:00Z' }));
    const ordered = [...withPeriod, makeEvent('MidTermEvaluationOrdered', { midLifeAt: '2027-07-03T00:00:00.000Z', fiscalYear: 2025, orderedAt: '2027-07-03T00:00:00Z' })];
    given(...ordered).when(order, at('2027-08-01T00:00:00Z')).thenRefuses('invariant', 'mid-term.already-ordered');
    const short = [...historyAt.executing, makeEvent('MediumTermGoalsSet', { ...period, endYear: 2028, setAt: '2025-01-01T00:00:00Z' } as never)];
    given(...short).when(order, at('2027-08-01T00:00:00Z')).thenRefuses('invariant', 'mid-term.not-required');
    given(...historyAt.executing).when(order, at('2027-08-01T00:00:00Z')).thenRefuses('invariant', 'mid-term.not-required');
  });
});

describe('the fiscal year of each event', () => {
  it('a stream written before cycles existed reads as the one year of its proposal', () => {
    expect(new Set(withFiscalYears(historyAt.closed).map((x) => x.fiscalYear))).toEqual(new Set([2025]));
  });

  it('each CycleOpened starts the next year; recorded metadata wins', () => {
    const events = [...fairYear, ...acceptedEvents(opened()), e.reviewed('good')];
    const years = withFiscalYears(events).map((x) => x.fiscalYear);
    expect(years.slice(0, fairYear.length).every((y) => y === 2025)).toBe(true);
    expect(years.slice(fairYear.length)).toEqual([2026, 2026]);
    expect(withFiscalYears([{ ...e.proposed, metadata: { fiscalYear: 2030 } }])[0]!.fiscalYear).toBe(2030);
    expect(fiscalYearOfCommand(openNext, replay(fairYear))).toBe(2026);
    expect(fiscalYearOfCommand({ type: 'AssessLights' }, replay(fairYear))).toBe(2025);
  });
});

describe('the result policy of practice-2027 (财预〔2020〕10号, R25–R27)', () => {
  const policy = practiceRulebook2027.resultPolicy;
  it('优 and 良 may be prioritised or maintained; 中 orders rectification and allows a cut; 差 may be reduced and continued', () => {
    expect([policy.excellent!.decisions, policy.good!.decisions]).toEqual([
      ['prioritise', 'maintain'],
      ['prioritise', 'maintain'],
    ]);
    expect(policy.fair).toMatchObject({ ordersRectification: true, automatic: false });
    expect(policy.fair!.cutProportion).toBeGreaterThan(0);
    expect(policy.poor!.decisions).toEqual(['reduce', 'adjust-use', 'suspend', 'cancel']);
  });

  it('a 良 project may be prioritised under practice-2027, not under national-2020', () => {
    const evaluated = [...historyAt.executing, e.scored('eval-1', 'good')];
    const prioritise = { type: 'ApplyResult' as const, evaluationId: 'eval-1', decision: 'prioritise' as const };
    expect(given(...evaluated).when(prioritise, { ...at(OPENED_AT), rulebook: practiceRulebook2027 }).decision.ok).toBe(true);
    given(...evaluated).when(prioritise, at(OPENED_AT)).thenRefuses('invariant', 'result.decision-not-allowed-for-grade');
  });

  it('a 差 project continued at a reduced amount may open its next year', () => {
    const reduced = [
      ...historyAt.executing,
      e.scored('eval-1', 'poor'),
      makeEvent('ProjectReduced', { evaluationId: 'eval-1', grade: 'poor', note: null, appliedAt: '2026-04-01T00:00:00Z', rulebook: RULEBOOK_REF }),
    ];
    expect(replay(reduced).result).toEqual({ decision: 'reduce', evaluationId: 'eval-1' });
    expect(opened(reduced).decision.ok).toBe(true);
  });
});
