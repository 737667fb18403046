/**
 * One realistic budget project's life, decided command by command by the domain's own
 * decider, so every seeded event is one the api could have written: proposal, goals,
 * review, admission, allocation, monthly spending, readings with deviations flagged,
 * explained and resolved, a mid-year adjustment now and then, self and finance
 * evaluation, the result, cuts, rectification 整改, accountability 问责 and incentives.
 */
import {
  decide, effectiveTarget, evolve, indicatorMaxPoints, initialProjectState, isQualitative, latestReading, nationalRulebook2020,
  type IndicatorDefinition, type ProjectCommand, type ProjectEvent, type ProjectState,
} from '@jixiao/domain';

export type Random = () => number;


const indicators = (year: number): IndicatorDefinition[] => [
  { indicatorId: 'households', name: '受益户数', level: 'output', kind: 'quantity', comparator: '>=', target: 1200, unit: '户', criteria: null, direction: 'higher-is-better', weight: 40, deadline: `${year}-12-31` },
  { indicatorId: 'unit-cost', name: '户均成本', level: 'output', kind: 'cost', comparator: '<=', target: 800, unit: '元/户', criteria: null, direction: 'lower-is-better', weight: 20, deadline: `${year}-12-31` },
  { indicatorId: 'water-quality', name: '水质达标', level: 'output', kind: 'quality', comparator: 'qualitative', target: null, unit: null, criteria: '季度检测符合 GB 5749-2022', direction: 'higher-is-better', weight: 10, deadline: `${year}-12-31` },
  { indicatorId: 'illness-drop', name: '介水疾病下降', level: 'benefit', kind: 'social', comparator: '>=', target: 20, unit: '%', criteria: null, direction: 'higher-is-better', weight: 20, deadline: `${year}-12-31` },
  { indicatorId: 'satisfaction', name: '群众满意度', level: 'satisfaction', kind: 'service-recipient', comparator: '>=', target: 90, unit: '%', criteria: null, direction: 'higher-is-better', weight: 10, deadline: `${year}-12-31` },
];

const categories = ['personnel', 'operating', 'specific-purpose'] as const;
const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;
const day = (year: number, m: number, d: number) => new Date(Date.UTC(year, m - 1, d)).toISOString();

export interface Lifecycle {
  readonly events: ProjectEvent[];
  readonly refused: number;
}

export function lifecycle(projectId: string, department: string, year: number, random: Random): Lifecycle {
  let state: ProjectState = initialProjectState;
  const events: ProjectEvent[] = [];
  let refused = 0;
  const run = (command: ProjectCommand, now: string): boolean => {
    const decision = decide(command, state, { now, rulebook: nationalRulebook2020 });
    if (!decision.ok) return (refused++, false);
    for (const event of decision.events) state = evolve(state, event);
    events.push(...decision.events);
    return true;
  };
  const requestedFen = Math.round(50_000_000 + random() * 950_000_000);
  run({ type: 'ProposeProject', projectId, department, title: `项目 ${projectId}`, category: categories[Math.floor(random() * 3)]!, fiscalYear: year, requestedFen }, day(year - 1, 9, 1));
  run({ type: 'SetPerformanceGoals', overallGoal: '为农村居民提供安全饮水', indicators: indicators(year) }, day(year - 1, 9, 15));
  run({ type: 'ReviewGoals', grade: random() < 0.5 ? 'excellent' : 'good' }, day(year - 1, 10, 1));
  if (!run({ type: 'DecideAdmission', decision: random() < 0.97 ? 'admit' : 'reject', reviewScore: 70 + Math.floor(random() * 30) }, day(year - 1, 10, 10))) return { events, refused };
  if (state.stage !== 'admitted') return { events, refused };
  run({ type: 'AllocateBudget', amountFen: Math.round(requestedFen * (0.8 + random() * 0.2)) }, day(year, 1, 15));
  run({ type: 'AssignEvaluator', evaluatorId: `evaluator-${Math.floor(random() * 5)}`, evaluatorKind: 'third-party' }, day(year, 1, 20));

  // Performance: how far ahead or behind this project runs (1 = exactly time-proportional).
  const pace = 0.6 + random() * 0.6;
  let deviations = 0;
  for (const m of [2, 4, 6, 8, 10, 12]) {
    const now = day(year, m, 28);
    run({ type: 'RecordExpenditure', expenditureId: `x${m}`, amountFen: Math.round((state.adjustedBudgetFen / 6) * pace * (0.9 + random() * 0.1)), spentOn: `${month(year, m)}-20` }, now);
  }
  for (const m of [3, 6, 9, 12]) {
    const now = day(year, m + 1 > 12 ? 12 : m + 1, m === 12 ? 31 : 5);
    const share = (m / 12) * pace * (0.9 + random() * 0.2);
    for (const i of state.indicators) {
      const readingId = `r-${i.indicatorId}-${m}`;
      const value = i.comparator === '<=' ? Math.round(700 + random() * 150) : i.comparator === 'qualitative' ? undefined : Math.round((i.adjustedTarget ?? i.startOfYearTarget ?? 0) * share);
      run({ type: 'RecordReading', readingId, indicatorId: i.indicatorId, period: month(year, m), ...(value !== undefined ? { value, unit: i.unit! } : { likelihood: pace < 0.75 ? 'possible' : 'certain' }) }, now);
      if (i.comparator !== 'qualitative' && pace < 0.85 && random() < 0.5) {
        const deviationId = `d${++deviations}`;
        if (run({ type: 'FlagDeviation', deviationId, subject: { kind: 'indicator', readingId } }, now) && random() < 0.8) {
          run({ type: 'ExplainDeviation', deviationId, cause: 'funding', measures: '加快拨付进度', likelihood: 'possible' }, now);
          if (random() < 0.6) run({ type: 'ResolveDeviation', deviationId, resolution: '已追赶进度' }, now);
        }
      }
    }
    if (m === 6 && random() < 0.2) run({ type: 'AdjustBudget', newBudgetFen: Math.round(state.adjustedBudgetFen * (0.85 + random() * 0.3)), reason: '年中调整' }, now);
    if (m === 6 && random() < 0.1) run({ type: 'AdjustTarget', indicatorId: 'households', adjustedTarget: 1000, reason: '搬迁调整' }, now);
  }

  const evaluate = (evaluationId: string, kind: 'self' | 'finance', share: number, now: string) => {
    const max = indicatorMaxPoints(state.indicators, nationalRulebook2020);
    return run({
      type: 'ScoreEvaluation', evaluationId, kind, evaluatorId: kind === 'self' ? department : 'finance-bureau', method: 'factor-analysis',
      scores: state.indicators.map((i) =>
        kind === 'finance' || isQualitative(i)
          ? { indicatorId: i.indicatorId, points: Math.floor((max.get(i.indicatorId) ?? 0) * share * 100) / 100, shortfallReason: '部分工程延后' }
          : // The self-evaluation sheet computes quantitative rows from the readings (or a year-end actual).
            { indicatorId: i.indicatorId, ...(latestReading(state.readings, i.indicatorId) ? {} : { actual: effectiveTarget(i) ?? 0 }), shortfallReason: '部分工程延后' },
      ),
      executionRateReason: '部分资金年底支付',
    }, now);
  };
  const quality = Math.min(1, 0.45 + pace * 0.45 + random() * 0.15);
  evaluate('self-1', 'self', Math.min(1, quality + 0.05), day(year + 1, 1, 20));
  if (!evaluate('eval-1', 'finance', quality, day(year + 1, 2, 20))) return { events, refused };
  const grade = state.evaluations.at(-1)!.grade;
  const results = day(year + 1, 3, 10);
  const decision = grade === 'excellent' ? 'prioritise' : grade === 'poor' ? (random() < 0.5 ? 'suspend' : 'cancel') : 'maintain';
  run({ type: 'ApplyResult', evaluationId: 'eval-1', decision }, results);
  if (grade === 'excellent' || grade === 'good') run({ type: 'GrantIncentive', incentiveId: 'inc-1', evaluationId: 'eval-1', measure: '下年度优先保障' }, results);
  if (grade === 'fair' || grade === 'poor') {
    run({ type: 'CutBudget', cutId: 'cut-1', cause: { kind: 'evaluation', evaluationId: 'eval-1' } }, results);
    run({ type: 'OrderRectification', rectificationId: 'rect-1', evaluationId: 'eval-1', issues: '绩效目标完成不足' }, results);
    if (grade === 'poor') run({ type: 'TakeAccountabilityAction', actionId: 'acc-1', cause: { kind: 'evaluation', evaluationId: 'eval-1' }, target: '项目负责处室', measure: '约谈' }, results);
    if (random() < 0.6) {
      run({ type: 'ReportRectification', rectificationId: 'rect-1', report: '已完成整改' }, day(year + 1, 4, 20));
      run({ type: 'VerifyRectification', rectificationId: 'rect-1', passed: random() < 0.8 }, day(year + 1, 5, 1));
    } else {
      // Left past its deadline: accountability and a further cut follow.
      const late = day(year + 1, 6, 1);
      run({ type: 'TakeAccountabilityAction', actionId: 'acc-2', cause: { kind: 'rectification', rectificationId: 'rect-1' }, target: '项目单位', measure: '通报批评' }, late);
      run({ type: 'CutBudget', cutId: 'cut-2', cause: { kind: 'rectification', rectificationId: 'rect-1' } }, late);
    }
  }
  if (random() < 0.3) run({ type: 'CloseProject', reason: '年度结束' }, day(year + 1, 7, 1));
  return { events, refused };
}
