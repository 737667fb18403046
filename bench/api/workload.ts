/**
 * The fixed workload of the api benchmark: request bodies for a realistic project
 * (rural drinking-water safety 农村饮水安全, fiscal year 2026) and the deterministic
 * sequence of readings the "record-reading" scenario sends.
 *
 * The bodies follow test/support/lifecycle-fixtures.ts; they are repeated here because
 * `npm run build` compiles apps, libs and bench only, not test/.
 */
export const fiscalYear = 2026;
export const department = 'water-bureau';
export const projectCount = 1_000;
/** Mid-July of the fiscal year, the server's fixed clock: the periods 2026-01 … 2026-06 have begun. */
export const midYearIso = '2026-07-15T08:00:00.000Z';
export const periods = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'] as const;

interface BenchIndicator {
  readonly indicatorId: string;
  readonly unit: string | null;
  readonly qualitative: boolean;
}

const quantitative = (indicatorId: string, name: string, level: string, kind: string, target: number, unit: string, weight: number) => ({
  indicatorId, name, level, kind, comparator: '>=', target, unit, criteria: null, direction: 'higher-is-better', weight, deadline: '2026-12-31',
});

/**
 * Twenty indicators of weight 5 rather than the fixture's five: the domain accepts one reading
 * per indicator and period, so 20 × 6 periods × 1,000 projects = 120,000 distinct readings, more
 * than the server takes in 20 s (≈ 55,000 on a busy machine), so no request is refused for running out.
 */
export const goals = {
  overallGoal: '为 1,200 户农村居民提供安全饮水',
  indicators: [
    quantitative('households', '受益户数', 'output', 'quantity', 1200, '户', 5),
    quantitative('pipelines', '新建管网长度', 'output', 'quantity', 40, 'km', 5),
    quantitative('waterworks', '改造水厂数', 'output', 'quantity', 3, '座', 5),
    { indicatorId: 'unit-cost', name: '户均成本', level: 'output', kind: 'cost', comparator: '<=', target: 800, unit: '元/户', criteria: null, direction: 'lower-is-better', weight: 5, deadline: '2026-12-31' },
    { indicatorId: 'water-quality', name: '水质达标', level: 'output', kind: 'quality', comparator: 'qualitative', target: null, unit: null, criteria: '季度检测符合 GB 5749-2022', direction: 'higher-is-better', weight: 5, deadline: '2026-12-31' },
    quantitative('on-time', '按期完工率', 'output', 'timeliness', 95, '%', 5),
    quantitative('illness-drop', '介水疾病下降', 'benefit', 'social', 20, '%', 5),
    quantitative('supply-hours', '日供水时长', 'benefit', 'social', 22, '小时', 5),
    quantitative('water-saved', '节水量', 'benefit', 'ecological', 50, '万吨', 5),
    quantitative('maintenance', '管护制度覆盖率', 'benefit', 'sustainability', 100, '%', 5),
    quantitative('income', '节省取水工时折算', 'benefit', 'economic', 30, '万元', 5),
    quantitative('satisfaction', '群众满意度', 'satisfaction', 'service-recipient', 90, '%', 5),
    // Eight village-level indicators, to give the workload room (see above).
    ...['东村', '西村', '南村', '北村', '上寨', '下寨', '新屯', '老屯'].map((village, n) =>
      quantitative(`village-${n + 1}-households`, `${village}受益户数`, 'output', 'quantity', 150, '户', 5),
    ),
  ],
};

const indicators: readonly BenchIndicator[] = goals.indicators.map((i) => ({
  indicatorId: i.indicatorId,
  unit: i.unit,
  qualitative: i.comparator === 'qualitative',
}));

/** How many distinct, acceptable readings the workload holds. */
export const readingCapacity = projectCount * indicators.length * periods.length;

export const proposalBody = {
  department,
  title: '农村饮水安全巩固提升工程',
  category: 'specific-purpose',
  fiscalYear,
  requestedFen: 100_000_000,
};

/** The steps from proposed to executing, after the proposal; each with the role that sends it. */
export const toExecuting: readonly { path: string; role: 'department' | 'finance'; body: unknown }[] = [
  { path: 'goals', role: 'department', body: goals },
  { path: 'goal-reviews', role: 'finance', body: { grade: 'good' } },
  { path: 'admission', role: 'finance', body: { decision: 'admit', reviewScore: 88 } },
  { path: 'allocations', role: 'finance', body: { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' } },
];

/**
 * The n-th reading of the run. Consecutive requests go to different projects (n mod 1,000),
 * so the 32 connections almost never race on one stream; each (project, indicator, period)
 * comes up exactly once until the capacity is used.
 */
export function readingRequest(n: number, projectIds: readonly string[]): { path: string; body: string } {
  const project = projectIds[n % projectIds.length]!;
  const round = Math.floor(n / projectIds.length) % (indicators.length * periods.length);
  const indicator = indicators[round % indicators.length]!;
  const period = periods[Math.floor(round / indicators.length)]!;
  const body = indicator.qualitative
    ? { indicatorId: indicator.indicatorId, period, likelihood: 'certain' }
    : { indicatorId: indicator.indicatorId, period, value: 10 + round, unit: indicator.unit };
  return { path: `/api/v1/projects/${encodeURIComponent(project)}/readings`, body: JSON.stringify(body) };
}
