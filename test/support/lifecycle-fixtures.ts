/** Request bodies for a realistic project: rural drinking-water safety 农村饮水安全, fiscal year 2026. */
export const fiscalYear = 2026;
/** Mid-July of the fiscal year: monitoring periods up to June have begun. */
export const midYear = () => new Date('2026-07-15T08:00:00.000Z');

export const proposal = (department: string) => ({
  department,
  title: '农村饮水安全巩固提升工程',
  category: 'specific-purpose',
  fiscalYear,
  requestedFen: 100_000_000,
});

export const goals = {
  overallGoal: '为 1,200 户农村居民提供安全饮水',
  indicators: [
    { indicatorId: 'households', name: '受益户数', level: 'output', kind: 'quantity', comparator: '>=', target: 1200, unit: '户', criteria: null, direction: 'higher-is-better', weight: 40, deadline: '2026-12-31' },
    { indicatorId: 'unit-cost', name: '户均成本', level: 'output', kind: 'cost', comparator: '<=', target: 800, unit: '元/户', criteria: null, direction: 'lower-is-better', weight: 20, deadline: '2026-12-31' },
    { indicatorId: 'water-quality', name: '水质达标', level: 'output', kind: 'quality', comparator: 'qualitative', target: null, unit: null, criteria: '季度检测符合 GB 5749-2022', direction: 'higher-is-better', weight: 10, deadline: '2026-12-31' },
    { indicatorId: 'illness-drop', name: '介水疾病下降', level: 'benefit', kind: 'social', comparator: '>=', target: 20, unit: '%', criteria: null, direction: 'higher-is-better', weight: 20, deadline: '2026-12-31' },
    { indicatorId: 'satisfaction', name: '群众满意度', level: 'satisfaction', kind: 'service-recipient', comparator: '>=', target: 90, unit: '%', criteria: null, direction: 'higher-is-better', weight: 10, deadline: '2026-12-31' },
  ],
};

/** Low points on every indicator: a total in the fair band (中). */
export const fairScores = [
  { indicatorId: 'households', points: 20 },
  { indicatorId: 'unit-cost', points: 10 },
  { indicatorId: 'water-quality', points: 5 },
  { indicatorId: 'illness-drop', points: 15 },
  { indicatorId: 'satisfaction', points: 8 },
];

/** Full points on every indicator (28.57 + 14.28 + 7.14 of output, 30 benefit, 10 satisfaction): 89.99, plus the execution rate's points. */
export const goodScores = [
  { indicatorId: 'households', points: 28.57 },
  { indicatorId: 'unit-cost', points: 14.28 },
  { indicatorId: 'water-quality', points: 7.14 },
  { indicatorId: 'illness-drop', points: 30 },
  { indicatorId: 'satisfaction', points: 10 },
];

/**
 * A self-evaluation sheet 绩效自评表 of the goals above, every target met by a year-end actual
 * (no readings needed) and the qualitative indicator picked at `qualitativePoints` of its
 * 50/7 points (7.14 is full, 达成): output 28.57 + 14.29 + 7.14, benefit 30, satisfaction 10.
 */
export const selfSheetScores = (qualitativePoints = 7.14) => [
  { indicatorId: 'households', actual: 1200 },
  { indicatorId: 'unit-cost', actual: 800 },
  { indicatorId: 'water-quality', tier: 'achieved', points: qualitativePoints },
  { indicatorId: 'illness-drop', actual: 20 },
  { indicatorId: 'satisfaction', actual: 90 },
];

/**
 * The next year's request 下一年度申报 (POST /projects/:id/cycles) of the project above: the
 * same indicators, their deadlines in `year`, and the amount asked for in fen.
 */
export const nextYear = (year: number, requestedFen = 100_000_000) => ({
  fiscalYear: year,
  overallGoal: `${year} 年为 1,200 户农村居民巩固安全饮水`,
  indicators: goals.indicators.map((i) => ({ ...i, deadline: `${year}-12-31` })),
  requestedFen,
});

/** Medium-term goals 中期目标 of a five-year implementation period from 2026. */
export const mediumTermGoals = { startYear: 2026, endYear: 2030, overallGoal: '到 2030 年农村自来水普及率达到 95%', indicators: ['农村自来水普及率 ≥ 95%', '规模化供水工程覆盖人口 ≥ 80%'] };
