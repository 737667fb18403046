/**
 * One worked example project, "rural drinking-water safety 2025" (农村饮水安全), and the
 * event histories that put it in each stage. Specs start from these and say what changes.
 */
import type { DecideContext } from '../project/decide-context.js';
import type { ProjectEvent } from '../project/events.js';
import type { StageOrNone } from '../project/stages.js';
import type { IndicatorDefinition } from '../project/goals/indicator.js';
import { makeEvent } from '../project/make-event.js';
import { nationalRulebook2020 } from '../rulebook/national-2020.js';

export const FY = 2025;
export const PROJECT_ID = 'water-2025';
export const RULEBOOK_REF = { id: 'national-2020', version: 1 };
export const REQUESTED_FEN = 100_000_000; // 1,000,000 yuan
export const ALLOCATED_FEN = 100_000_000;

export const at = (now: string): DecideContext => ({ now, rulebook: nationalRulebook2020 });
/** Mid-year: half of the fiscal year has elapsed. */
export const MID_YEAR = '2025-07-01T00:00:00Z';
export const ctx = at(MID_YEAR);

export const households: IndicatorDefinition = {
  indicatorId: 'households',
  name: 'Households given safe drinking water',
  level: 'output',
  kind: 'quantity',
  comparator: '>=',
  target: 1200,
  unit: '户',
  criteria: null,
  direction: 'higher-is-better',
  weight: 40,
  deadline: '2025-12-31',
};
export const unitCost: IndicatorDefinition = {
  indicatorId: 'unit-cost',
  name: 'Cost per household',
  level: 'output',
  kind: 'cost',
  comparator: '<=',
  target: 800,
  unit: '元/户',
  criteria: null,
  direction: 'lower-is-better',
  weight: 20,
  deadline: '2025-12-31',
};
export const waterQuality: IndicatorDefinition = {
  indicatorId: 'water-quality',
  name: 'Water meets the national standard',
  level: 'output',
  kind: 'quality',
  comparator: 'qualitative',
  target: null,
  unit: null,
  criteria: 'Quarterly tests meet GB 5749-2022',
  direction: 'higher-is-better',
  weight: 10,
  deadline: '2025-12-31',
};
export const illnessDrop: IndicatorDefinition = {
  indicatorId: 'illness-drop',
  name: 'Fall in water-borne illness',
  level: 'benefit',
  kind: 'social',
  comparator: '>=',
  target: 20,
  unit: '%',
  criteria: null,
  direction: 'higher-is-better',
  weight: 20,
  deadline: '2025-12-31',
};
export const satisfaction: IndicatorDefinition = {
  indicatorId: 'satisfaction',
  name: 'Villagers satisfied',
  level: 'satisfaction',
  kind: 'service-recipient',
  comparator: '>=',
  target: 90,
  unit: '%',
  criteria: null,
  direction: 'higher-is-better',
  weight: 10,
  deadline: '2025-12-31',
};
export const INDICATORS: IndicatorDefinition[] = [households, unitCost, waterQuality, illnessDrop, satisfaction];

/** The same indicators for another fiscal year: each deadline moved into that year. */
export const indicatorsFor = (fiscalYear: number): IndicatorDefinition[] =>
  INDICATORS.map((i) => ({ ...i, deadline: `${fiscalYear}${i.deadline.slice(4)}` }));

/** Points an evaluator might give each indicator: all within their caps (28.57, 14.29, 7.14, 30, 10). */
export const GOOD_SCORES = [
  { indicatorId: 'households', points: 25 },
  { indicatorId: 'unit-cost', points: 14 },
  { indicatorId: 'water-quality', points: 7 },
  { indicatorId: 'illness-drop', points: 30 },
  { indicatorId: 'satisfaction', points: 10 },
];

export const e = {
  proposed: makeEvent('ProjectProposed', {
    projectId: PROJECT_ID,
    department: 'water-bureau',
    title: 'Rural drinking-water safety 2025',
    category: 'specific-purpose',
    fiscalYear: FY,
    requestedFen: REQUESTED_FEN,
    description: null,
    proposedAt: '2024-09-01T00:00:00Z',
  }),
  goalsSet: (revision = 1) =>
    makeEvent('PerformanceGoalSet', {
      overallGoal: 'Safe drinking water for 1,200 rural households',
      indicators: INDICATORS,
      revision,
      submittedAt: '2024-09-15T00:00:00Z',
    }),
  reviewed: (grade: 'excellent' | 'good' | 'fair' | 'poor') =>
    makeEvent('GoalsReviewed', {
      grade,
      outcome: grade === 'excellent' || grade === 'good' ? 'approved' : grade === 'fair' ? 'revision-required' : 'barred',
      comments: grade === 'fair' || grade === 'poor' ? 'Targets are vague' : null,
      reviewerId: null,
    }),
  admitted: makeEvent('ProjectAdmitted', { reviewScore: 88, reasons: [], admittedAt: '2024-10-10T00:00:00Z' }),
  rejected: makeEvent('ProjectRejected', { reviewScore: 40, reasons: ['Duplicates an existing project'], rejectedAt: '2024-10-10T00:00:00Z' }),
  allocated: makeEvent('BudgetAllocated', {
    amountFen: ALLOCATED_FEN,
    requestedFen: REQUESTED_FEN,
    reason: null,
    documentNo: null,
    allocatedAt: '2025-01-15T00:00:00Z',
  }),
  spent: (expenditureId: string, amountFen: number, spentToDateFen: number, spentOn = '2025-03-01') =>
    makeEvent('ExpenditureRecorded', { expenditureId, amountFen, spentOn, description: null, spentToDateFen }),
  reading: (readingId: string, indicatorId: string, period: string, value: number | null, likelihood: 'certain' | 'possible' | 'impossible' | null = null) =>
    makeEvent('MonitoringReadingRecorded', {
      readingId,
      indicatorId,
      period,
      value,
      unit: INDICATORS.find((i) => i.indicatorId === indicatorId)?.unit ?? null,
      likelihood,
      completion: null,
      note: null,
      legacyLights: null,
    }),
  deviationFlagged: (deviationId: string, flaggedAt = '2025-07-01T00:00:00Z') =>
    makeEvent('DeviationFlagged', {
      deviationId,
      subject: { kind: 'indicator', indicatorId: 'households', readingId: 'r-households-05', period: '2025-05' },
      level: 'red',
      expected: 500,
      actual: 200,
      ratio: null,
      gap: 0.25,
      progress: 5 / 12,
      asOf: flaggedAt.slice(0, 10),
      flaggedAt,
      rulebook: RULEBOOK_REF,
    }),
  deviationExplained: (deviationId: string) =>
    makeEvent('DeviationExplained', { deviationId, cause: 'funding', causeDetail: null, measures: 'Advance the second tranche', likelihood: 'possible' }),
  evaluatorAssigned: (evaluatorId: string) => makeEvent('EvaluatorAssigned', { evaluatorId, evaluatorKind: 'third-party' }),
  scored: (evaluationId: string, grade: 'excellent' | 'good' | 'fair' | 'low' | 'poor', kind: 'self' | 'department' | 'finance' | 'third-party' = 'finance') =>
    makeEvent('EvaluationScored', {
      evaluationId,
      kind,
      evaluatorId: 'finance-bureau',
      method: null,
      indicatorScores: [],
      executionRate: 0.95,
      executionRatePoints: 9.5,
      executionRateReason: null,
      totalScore: { excellent: 95, good: 85, fair: 70, low: 55, poor: 50 }[grade],
      grade,
      drivesResults: kind !== 'self',
      scoredAt: '2026-03-01T00:00:00Z',
      rulebook: RULEBOOK_REF,
      sheet: null,
    }),
  maintained: (evaluationId = 'eval-1') =>
    makeEvent('ProjectMaintained', { evaluationId, grade: 'good', note: null, appliedAt: '2026-04-01T00:00:00Z', rulebook: RULEBOOK_REF }),
  rectificationOrdered: (rectificationId: string, deadline = '2026-06-01T00:00:00Z') =>
    makeEvent('RectificationOrdered', {
      rectificationId,
      evaluationId: 'eval-1',
      issues: 'Unit cost records incomplete',
      orderedAt: '2026-04-02T00:00:00Z',
      deadline,
      rulebook: RULEBOOK_REF,
    }),
  rectificationReported: (rectificationId: string) =>
    makeEvent('RectificationReported', { rectificationId, report: 'Records completed', reportedAt: '2026-05-01T00:00:00Z', late: false }),
  closed: makeEvent('ProjectClosed', { reason: 'Cycle complete', closedAt: '2026-07-01T00:00:00Z', closedFrom: 'results' }),
};

const approved = [e.proposed, e.goalsSet(), e.reviewed('good')];
const executing = [...approved, e.admitted, e.allocated];
const evaluated = [...executing, e.scored('eval-1', 'good')];
const results = [...evaluated, e.maintained()];

/** A history that leaves the project in each stage. */
export const historyAt: Record<StageOrNone, ProjectEvent[]> = {
  none: [],
  proposed: [e.proposed],
  'goals-submitted': [e.proposed, e.goalsSet()],
  'goals-revision': [e.proposed, e.goalsSet(), e.reviewed('fair')],
  'goals-approved': approved,
  'goals-barred': [e.proposed, e.goalsSet(), e.reviewed('poor')],
  admitted: [...approved, e.admitted],
  rejected: [...approved, e.rejected],
  executing,
  evaluated,
  results,
  closed: [...results, e.closed],
};

/** Dates of the evaluation season, after the fiscal year. */
export const EVALUATION_SEASON = '2026-03-15T00:00:00Z';

export type StageName = StageOrNone;
