/**
 * Properties of the project decider over random command sequences (fast-check):
 * evolve is deterministic, a refused command yields no events and changes nothing, and
 * no sequence of accepted commands breaks the lifecycle's invariants.
 */
import fc from 'fast-check';
import { decide, evolve, replay } from './decider.js';
import { cyclesOf } from './cycles/cycle.js';
import type { ProjectEvent } from './events.js';
import { initialProjectState, type ProjectState } from './state.js';
import { STAGES, type StageOrNone } from './stages.js';
import { nationalRulebook2020 } from '../rulebook/national-2020.js';
import { gradeFor } from '../scoring/grade.js';
import { centsNumber, fromNumber, roundHalfUpToCents } from '../shared/rational.js';
import { run, stepsArb } from '../testing/arbitrary-lifecycle.js';

const RUNS = { numRuns: 300 };

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

describe('the generator', () => {
  it('reaches every stage, so the properties below are not vacuous', () => {
    const seen = new Set<StageOrNone>();
    for (const steps of fc.sample(stepsArb, { numRuns: 400, seed: 42 })) {
      run(steps, ({ after }) => seen.add(after.stage));
    }
    expect([...seen].sort()).toEqual([...STAGES].sort());
  });

  it('reaches a second fiscal year, so the cross-year properties are not vacuous', () => {
    let years = 0;
    for (const steps of fc.sample(stepsArb, { numRuns: 400, seed: 42 })) years = Math.max(years, run(steps).state.previousCycles.length + 1);
    expect(years).toBeGreaterThanOrEqual(2);
  });
});

describe('evolve is deterministic over any accepted sequence', () => {
  it('replaying the accepted events, twice or after a JSON round trip, gives the state built step by step', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { state, events } = run(steps);
        expect(replay(events)).toEqual(state);
        expect(replay(events)).toEqual(replay(events));
        expect(replay(JSON.parse(JSON.stringify(events)) as ProjectEvent[])).toEqual(state);
      }),
      RUNS,
    );
  });

  it('decide and evolve never mutate their inputs', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        // Frozen inputs throw on any write (ES modules run in strict mode).
        run(steps, ({ before, command, context, decision }) => {
          deepFreeze(before);
          deepFreeze(command);
          if (decision.ok) deepFreeze(decision.events);
          expect(decide(command, before, context)).toEqual(decision);
        });
      }),
      RUNS,
    );
  });
});

describe('a refused command never yields events', () => {
  it('a refusal carries an error and no events, and the state is untouched', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        run(steps, ({ before, decision, after }) => {
          if (decision.ok) return;
          expect(Object.keys(decision).sort()).toEqual(['error', 'ok']);
          expect(after).toBe(before);
          expect(['not-found', 'wrong-stage', 'invariant']).toContain(decision.error.kind);
          expect(decision.error.ruleId).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
        });
      }),
      RUNS,
    );
  });
});

/** The lifecycle's invariants, checked against the state and the events that built it. */
const checkInvariants = (state: ProjectState, lifeEvents: readonly ProjectEvent[]) => {
  checkAcrossYears(state, lifeEvents);
  // The rest hold per fiscal year: the events since the current year opened.
  const opened = lifeEvents.map((e) => e.type).lastIndexOf('CycleOpened');
  const events = lifeEvents.slice(opened + 1);
  const types = events.map((e) => e.type);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  // Money is integer fen; spending never exceeds the budget in force.
  for (const fen of [state.requestedFen, state.allocatedFen, state.adjustedBudgetFen, state.spentFen]) expect(Number.isSafeInteger(fen)).toBe(true);
  expect(state.spentFen).toBeLessThanOrEqual(state.adjustedBudgetFen);
  expect(state.spentFen).toBe(sum(events.flatMap((e) => (e.type === 'ExpenditureRecorded' ? [e.data.amountFen] : []))));

  // SMART goals: weights sum to 100, deadlines inside the fiscal year.
  if (state.indicators.length > 0) {
    expect(Math.round(sum(state.indicators.map((i) => i.weight)) * 100)).toBe(10_000);
    for (const i of state.indicators) expect(i.deadline.startsWith(`${state.fiscalYear}-`)).toBe(true);
  }

  // Goal review: only excellent/good goals are admitted; only admitted projects are funded.
  const admitted = types.indexOf('ProjectAdmitted');
  if (admitted >= 0) {
    const lastReview = events.slice(0, admitted).filter((e) => e.type === 'GoalsReviewed').at(-1);
    expect(lastReview && lastReview.type === 'GoalsReviewed' && ['excellent', 'good'].includes(lastReview.data.grade)).toBe(true);
    expect(events.slice(admitted + 1).some((e) => e.type === 'PerformanceGoalSet')).toBe(false);
  }
  const allocated = events.find((e) => e.type === 'BudgetAllocated');
  if (allocated && allocated.type === 'BudgetAllocated') {
    expect(admitted).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('BudgetAllocated')).toBeGreaterThan(admitted);
    // An allocation above the request has a reason.
    if (allocated.data.amountFen > allocated.data.requestedFen) expect(allocated.data.reason).toBeTruthy();
  }

  // Target adjustments keep the start-of-year target.
  const lastGoals = lifeEvents.filter((e) => e.type === 'PerformanceGoalSet' || e.type === 'CycleOpened').at(-1);
  for (const i of state.indicators) {
    const declared = lastGoals?.type === 'PerformanceGoalSet' || lastGoals?.type === 'CycleOpened' ? lastGoals.data.indicators.find((d) => d.indicatorId === i.indicatorId) : undefined;
    expect(i.startOfYearTarget).toBe(declared?.target);
  }

  // Readings only for declared indicators, within the fiscal year.
  for (const r of state.readings) {
    expect(state.indicators.some((i) => i.indicatorId === r.indicatorId)).toBe(true);
    expect(r.period.startsWith(`${state.fiscalYear}-`)).toBe(true);
  }

  // Evaluation scores within each indicator's points; the grade is derived from the total.
  for (const ev of state.evaluations) {
    expect(ev.grade).toBe(gradeFor(ev.totalScore, nationalRulebook2020));
    for (const s of ev.indicatorScores) {
      expect(s.points).toBeGreaterThanOrEqual(0);
      // A computed sheet rounds each row half-up once, so full points print as the rounded 分值 (100/7 → 14.29).
      expect(s.points).toBeLessThanOrEqual(centsNumber(roundHalfUpToCents(fromNumber(s.maxPoints))) + 1e-9);
    }
    expect(ev.totalScore).toBeLessThanOrEqual(100);
  }

  // Results follow the grade's policy and rest on a result-driving evaluation.
  if (state.result) {
    const ev = state.evaluations.find((x) => x.evaluationId === state.result!.evaluationId);
    expect(ev?.drivesResults).toBe(true);
    expect(nationalRulebook2020.resultPolicy[ev!.grade]!.decisions).toContain(state.result.decision);
  }

  // Every cut names its cause: a result-driving evaluation, or a rectification.
  for (const cut of state.cuts) {
    if (cut.cause.kind === 'evaluation') {
      const { evaluationId } = cut.cause;
      expect(state.evaluations.find((x) => x.evaluationId === evaluationId)?.drivesResults).toBe(true);
    } else {
      const { rectificationId } = cut.cause;
      expect(state.rectifications.some((r) => r.rectificationId === rectificationId)).toBe(true);
    }
    expect(Number.isSafeInteger(cut.amountFen)).toBe(true);
  }

  // A closed project is closed for good, and nothing follows ProjectClosed.
  const lifeTypes = lifeEvents.map((e) => e.type);
  const closedAt = lifeTypes.indexOf('ProjectClosed');
  if (closedAt >= 0) {
    expect(closedAt).toBe(lifeTypes.length - 1);
    expect(state.closed).toBe(true);
  }
};

/**
 * Across fiscal years: each year follows the one before; a cycle opens only after a result
 * that is not a cancellation; the cap it carries is the year before's budget less the
 * recorded amounts of that year's cuts; an allocation above the cap states its reason;
 * an id names one record across the whole life.
 */
const checkAcrossYears = (state: ProjectState, events: readonly ProjectEvent[]) => {
  const years = cyclesOf(state).map((c) => c.fiscalYear);
  years.forEach((year, k) => k > 0 && expect(year).toBe(years[k - 1]! + 1));
  let before = initialProjectState;
  for (const event of events) {
    if (event.type === 'CycleOpened') {
      expect(before.stage).toBe('results');
      expect(before.result?.decision).not.toBe('cancel');
      const cutsFen = before.cuts.reduce((sum, cut) => sum + cut.amountFen, 0);
      expect(event.data.carriedOver.cutTotalFen).toBe(cutsFen);
      expect(event.data.carriedOver.capFen).toBe(Math.max(0, before.adjustedBudgetFen - cutsFen));
    }
    if (event.type === 'PriorCutsApplied') {
      expect(event.data.cutTotalFen).toBe(before.carriedOver!.cutTotalFen);
      expect(event.data.exceptionReason !== null).toBe(event.data.allocatedFen > event.data.capFen);
    }
    before = evolve(before, event);
  }
  const all = cyclesOf(state);
  for (const ids of [all.flatMap((c) => c.evaluations.map((e) => e.evaluationId)), all.flatMap((c) => c.cuts.map((cut) => cut.cutId)), all.flatMap((c) => c.expenditureIds)]) {
    expect(new Set(ids).size).toBe(ids.length);
  }
};

describe('no sequence of accepted commands breaks the invariants', () => {
  it('holds after every step', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        run(steps, ({ before, decision, after }, events) => {
          if (before.closed) expect(decision.ok).toBe(false);
          if (decision.ok) checkInvariants(after, events);
        });
      }),
      RUNS,
    );
  });
});
