import { rulebookRef } from '../../rulebook/rulebook.js';
import { laterDate, periodEndDate } from '../../lights/business-date.js';
import { judgeBudget } from '../../lights/judge-budget.js';
import { judgeIndicatorReading } from '../../lights/judge-indicator.js';
import { isWarning, sameSubject, type Judgement, type Light, type LitSubject } from '../../lights/light.js';
import type { Rulebook } from '../../rulebook/rulebook.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectEvent } from '../events.js';
import { effectiveTarget, type Indicator } from '../goals/indicator.js';
import { makeEvent } from '../make-event.js';
import type { Deviation, ProjectState, Reading } from '../state.js';
import { evolveMonitoring } from './events.js';

/**
 * The light changes one decision makes (DESIGN §6.2): pure, shared by every command that
 * records a fact, by AssessLights, and by what-if. A subject's light only moves forward in
 * business time: a judgement as of an earlier date than the one it holds changes nothing.
 */

/** The open warning on a subject (open or explained; not resolved, not cleared). */
export const openWarningOn = (state: ProjectState, subject: LitSubject): Deviation | undefined =>
  state.deviations.find((d) => (d.status === 'open' || d.status === 'explained') && sameSubject(d.subject, subject));

/** The light a subject shows now: its open warning's level, else the last light judged, else none. */
export const currentLight = (state: ProjectState, subject: LitSubject): { light: Light | null; asOf: string | null } => {
  const held = state.lights.find((l) => sameSubject(l.subject, subject));
  const warning = openWarningOn(state, subject);
  return { light: warning ? warning.level : (held?.light ?? null), asOf: held?.asOf ?? null };
};

/**
 * Warning ids are minted by the domain, never chosen: "light-<n>", the first n not yet used
 * in the project's whole life, so a year's warning never takes an earlier year's id (the
 * escalation timer, the ledger and history key on it).
 */
export const nextWarningId = (state: ProjectState): string => {
  const deviations = [...state.previousCycles.flatMap((cycle) => cycle.deviations), ...state.deviations];
  const used = new Set(deviations.map((d) => d.deviationId));
  let n = deviations.length + 1;
  while (used.has(`light-${n}`)) n++;
  return `light-${n}`;
};

/**
 * The one event (or none) that moves a subject to a judged light.
 * `always`: a recorded reading gets a light event even when its light is unchanged, so a
 * read model never has to compute one; an assessment appends only changes.
 */
export const lightChange = (state: ProjectState, subject: LitSubject, judgement: Judgement, ctx: DecideContext, always: boolean): ProjectEvent[] => {
  const now = currentLight(state, subject);
  if (now.asOf !== null && judgement.asOf < now.asOf) return [];
  const warning = openWarningOn(state, subject);
  const { light } = judgement;
  const basis = {
    expected: judgement.expected,
    actual: judgement.actual,
    ratio: judgement.ratio,
    gap: judgement.gap,
    progress: judgement.progress,
    asOf: judgement.asOf,
    rulebook: rulebookRef(ctx.rulebook),
  };
  if (warning && isWarning(light) && light !== warning.level) {
    return light === 'red'
      ? [makeEvent('DeviationRaised', { deviationId: warning.deviationId, subject, level: 'red', raisedAt: ctx.now, ...basis })]
      : [makeEvent('DeviationLowered', { deviationId: warning.deviationId, subject, level: 'yellow', loweredAt: ctx.now, ...basis })];
  }
  if (warning && !isWarning(light)) {
    return [makeEvent('DeviationCleared', { deviationId: warning.deviationId, subject, light, clearedAt: ctx.now, explained: warning.explanation !== null, ...basis })];
  }
  if (!warning && isWarning(light)) {
    const { rulebook, ...rest } = basis;
    return [makeEvent('DeviationFlagged', { deviationId: nextWarningId(state), subject, level: light, ...rest, flaggedAt: ctx.now, rulebook })];
  }
  if (!always && light === now.light) return [];
  return [makeEvent('LightAssessed', { subject, light, previous: now.light, ...basis })];
};

/** The judgement of one reading against its indicator's effective target, as of the end of its period. */
export const judgeReading = (state: ProjectState, indicator: Indicator, reading: Reading, rulebook: Rulebook, assessedOn?: string): Judgement | null =>
  judgeIndicatorReading({
    ...(assessedOn ? { assessedOn } : {}),
    kind: indicator.kind,
    comparator: indicator.comparator,
    target: effectiveTarget(indicator),
    reading: { period: reading.period, value: reading.value, likelihood: reading.likelihood, completion: reading.completion ?? null },
    fiscalYear: state.fiscalYear,
    rulebook,
  });

/** The indicator's latest reading whose period ends on or before `asOf` (all of them when null). */
export const latestReadingBy = (state: ProjectState, indicatorId: string, asOf: string | null, rulebook: Rulebook): Reading | undefined =>
  state.readings
    .filter((r) => r.indicatorId === indicatorId)
    .filter((r) => asOf === null || (periodEndDate(r.period, rulebook.monitoringCadence) ?? '9999') <= asOf)
    .reduce<Reading | undefined>((latest, r) => (!latest || r.period > latest.period ? r : latest), undefined);

const readingSubject = (r: Reading): LitSubject => ({ kind: 'indicator', indicatorId: r.indicatorId, readingId: r.readingId, period: r.period });

/** The light change for an indicator judged on its latest reading by `asOf`. */
export const indicatorLightChange = (state: ProjectState, indicator: Indicator, asOf: string | null, ctx: DecideContext, always: boolean): ProjectEvent[] => {
  const reading = latestReadingBy(state, indicator.indicatorId, asOf, ctx.rulebook);
  const judgement = reading && judgeReading(state, indicator, reading, ctx.rulebook, asOf ?? undefined);
  return reading && judgement ? lightChange(state, readingSubject(reading), judgement, ctx, always) : [];
};

/** Spending whose `spentOn` is on or before `asOf`, in fen. */
export const spentBy = (state: ProjectState, asOf: string): number =>
  state.spending.reduce((sum, s) => (s.spentOn <= asOf ? sum + s.amountFen : sum), 0);

/**
 * The budget-execution light change as of a business date: judged at the latest of that
 * date, the date the light holds and the latest `spentOn` (execution is never judged back
 * in business time), with the spending dated by then.
 */
export const budgetLightChange = (state: ProjectState, asOf: string, ctx: DecideContext): ProjectEvent[] => {
  const subject: LitSubject = { kind: 'budget' };
  const latestSpentOn = state.spending.reduce<string | null>((latest, s) => laterDate(latest, s.spentOn), null);
  const at = laterDate(laterDate(currentLight(state, subject).asOf, asOf), latestSpentOn ?? asOf);
  const judgement = judgeBudget({ spentFen: spentBy(state, at), adjustedBudgetFen: state.adjustedBudgetFen, asOf: at, fiscalYear: state.fiscalYear, rulebook: ctx.rulebook });
  return judgement ? lightChange(state, subject, judgement, ctx, false) : [];
};

/** Folds monitoring events decided here, so the next change in the same decision sees them (warning ids stay unique). */
export const applyMonitoring = (state: ProjectState, events: readonly ProjectEvent[]): ProjectState =>
  events.reduce((s, e) => {
    const apply = (evolveMonitoring as Record<string, (s: ProjectState, e: ProjectEvent) => ProjectState>)[e.type];
    return apply ? apply(s, e) : s;
  }, state);

/** Every light change an assessment at `asOf` makes: each indicator on its latest reading by then, then the budget. */
export const assessmentChanges = (state: ProjectState, asOf: string, ctx: DecideContext): ProjectEvent[] => {
  const events: ProjectEvent[] = [];
  let current = state;
  const take = (changes: ProjectEvent[]) => {
    events.push(...changes);
    current = applyMonitoring(current, changes);
  };
  for (const indicator of state.indicators) take(indicatorLightChange(current, indicator, asOf, ctx, false));
  take(budgetLightChange(current, asOf, ctx));
  return events;
};

/**
 * The light changes a recorded fact brings, given the state with the fact applied: the one
 * place the recording commands and what-if ask (DESIGN §6.2). A reading lights its
 * indicator as of the end of its period when it is the indicator's latest; an expenditure
 * lights budget execution as of `spentOn`; a target adjustment judges the latest reading again;
 * a budget adjustment judges budget execution again at the date its light holds.
 */
export const lightsAfter = (after: ProjectState, fact: ProjectEvent, ctx: DecideContext): ProjectEvent[] => {
  if (fact.type === 'MonitoringReadingRecorded') {
    const indicator = after.indicators.find((i) => i.indicatorId === fact.data.indicatorId);
    const isLatest = latestReadingBy(after, fact.data.indicatorId, null, ctx.rulebook)?.readingId === fact.data.readingId;
    return indicator && isLatest ? indicatorLightChange(after, indicator, null, ctx, true) : [];
  }
  if (fact.type === 'ExpenditureRecorded') return budgetLightChange(after, fact.data.spentOn, ctx);
  if (fact.type === 'BudgetAdjusted') {
    // A new budget changes the execution rate: the budget light is judged again at the date it holds.
    const held = currentLight(after, { kind: 'budget' }).asOf;
    return held ? budgetLightChange(after, held, ctx) : [];
  }
  if (fact.type === 'TargetAdjusted') {
    const indicator = after.indicators.find((i) => i.indicatorId === fact.data.indicatorId);
    return indicator ? indicatorLightChange(after, indicator, null, ctx, false) : [];
  }
  return [];
};
