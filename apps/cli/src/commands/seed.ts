import {
  effectiveTarget,
  indicatorMaxPoints,
  isQualitative,
  latestReading,
  nationalRulebook2020,
  projectStream,
  type Grade,
  type IndicatorDefinition,
  type ProjectCommand,
  type ProjectState,
} from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { DomainRefusal, newId, ProjectCommands, ProjectStates, Rulebooks, type CommandContext, type Principal } from '@jixiao/application';
import { UsageError, type Output } from './output.js';
import { progressBar } from './progress.js';
import { seededRandom } from '@jixiao/domain';

/** The departments 预算单位 of the demo set, each with the kind of project it runs. */
export const seedDepartments = [
  { code: 'edu', name: '教育局', titles: ['义务教育薄弱环节改善与能力提升', '学生营养改善计划', '乡村教师能力提升培训'], output: ['受益学校', '所'] },
  { code: 'health', name: '卫生健康委', titles: ['基层医疗卫生机构能力建设', '基本公共卫生服务', '县域医共体信息化建设'], output: ['服务人次', '万人次'] },
  { code: 'water', name: '水利局', titles: ['农村饮水安全巩固提升工程', '中小河流治理', '小型水库除险加固'], output: ['受益户数', '户'] },
  { code: 'transport', name: '交通局', titles: ['农村公路养护工程', '城乡客运一体化补助'], output: ['养护里程', '公里'] },
  { code: 'agri', name: '农业农村委', titles: ['高标准农田建设', '农机购置补贴'], output: ['建设面积', '亩'] },
  { code: 'eco', name: '生态环境局', titles: ['大气污染防治专项', '长江流域水生态修复'], output: ['治理点位', '个'] },
  { code: 'civil', name: '民政局', titles: ['城乡低保与特困供养', '社区养老服务设施建设'], output: ['保障人数', '人'] },
  { code: 'culture', name: '文化旅游委', titles: ['公共文化服务体系建设', '文物保护修缮'], output: ['服务场馆', '个'] },
  { code: 'hrss', name: '人力社保局', titles: ['就业创业补贴', '职业技能提升行动'], output: ['培训人次', '人次'] },
  { code: 'housing', name: '住房城乡建设委', titles: ['城镇老旧小区改造', '城市排水防涝设施建设'], output: ['改造小区', '个'] },
  { code: 'sci', name: '科技局', titles: ['科技型企业研发费用补助', '科技特派员服务'], output: ['支持企业', '家'] },
  { code: 'emergency', name: '应急管理局', titles: ['应急物资储备', '森林防灭火能力建设'], output: ['储备点', '个'] },
] as const;

export interface SeedOptions {
  readonly projects: number;
  readonly fiscalYear: number;
  readonly seed: number;
  /** Draw a progress bar on stderr. */
  readonly progress?: boolean;
  /** Projects seeded at once; their commands are independent, their content is not affected. */
  readonly concurrency?: number;
}

export interface SeedReport {
  readonly projectIds: string[];
  readonly commands: number;
  readonly events: number;
  readonly stages: Record<string, number>;
  readonly grades: Record<string, number>;
}


const finance: Principal = { id: 'finance-bureau', role: 'finance', label: '财政局', issuedTo: '财政局绩效科' };
const evaluator: Principal = { id: 'cq-performance-institute', role: 'evaluator', label: '第三方评价机构', issuedTo: '第三方评价机构' };
/** The monitoring checks the workflow runs (deviation flags): a finance principal of its own. */
const monitoring: Principal = { id: 'monitoring-workflow', role: 'finance', label: '绩效运行监控', issuedTo: '绩效运行监控' };
const clerk = (d: (typeof seedDepartments)[number]): Principal => ({ id: `${d.code}-clerk`, role: 'department', department: d.name, label: `${d.name}经办人`, issuedTo: `${d.name}经办人` });

/**
 * A realistic demo set: projects across the departments above in one fiscal year, each
 * taken through proposal → goals → review → admission → allocation → monthly spending and
 * readings → deviations → evaluation → results (cuts, incentives) → rectification and
 * accountability for some. Every command goes through @jixiao/application's ProjectCommands,
 * as the api's do, with a principal of the role that would send it over HTTP, so the domain decides it and
 * the events carry the same metadata. Business time follows the fiscal year.
 */
export async function seed(store: EventStore, options: SeedOptions, out: Output): Promise<SeedReport> {
  const { projects: count, fiscalYear: year } = options;
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new UsageError('--projects must be a whole number from 1 to 100000');
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new UsageError('--fiscal-year must be a year from 2000 to 2099');
  if (!Number.isInteger(options.seed)) throw new UsageError('--seed must be a whole number');

  const ids = Array.from({ length: count }, (_, n) => {
    const d = seedDepartments[n % seedDepartments.length]!;
    return `fy${year}-${d.code}-s${options.seed}-${String(n + 1).padStart(4, '0')}`;
  });
  if ((await store.streamRevision(projectStream(ids[0]!))) !== undefined) {
    throw new UsageError(`Project ${ids[0]} already exists: this seed was run on this store; pick another --seed`);
  }

  const headBefore = await store.headPosition();
  const projects = new ProjectStates(store);
  const rulebooks = new Rulebooks(store);
  const report = { projectIds: ids, commands: 0, events: 0, stages: {} as Record<string, number>, grades: {} as Record<string, number> };
  const bar = progressBar(options.progress, 'seeding', 'projects');
  bar.update(0, count);

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const state = await seedProject(store, projects, rulebooks, ids[n]!, n, options, () => report.commands++);
      report.stages[state.stage] = (report.stages[state.stage] ?? 0) + 1;
      const grade = state.evaluations.filter((e) => e.drivesResults).at(-1)?.grade;
      if (grade) report.grades[grade] = (report.grades[grade] ?? 0) + 1;
      bar.update(++done, count);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, count) }, worker));
  bar.stop();
  report.events = (await store.headPosition()) - headBefore;

  out.line(`seeded ${count} project(s) of fiscal year ${year} across ${Math.min(count, seedDepartments.length)} department(s) with seed ${options.seed}`);
  out.line(`commands: ${report.commands}   events: ${report.events}`);
  out.line(`stages:   ${Object.entries(report.stages).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.line(`grades:   ${Object.entries(report.grades).sort().map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  return report;
}

/** One project's whole year. Its own generator, so its content does not depend on the others'. */
async function seedProject(
  store: EventStore,
  projects: ProjectStates,
  rulebooks: Rulebooks,
  projectId: string,
  n: number,
  options: SeedOptions,
  counted: () => void,
): Promise<ProjectState> {
  const random = seededRandom(options.seed * 1_000_003 + n * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const Y = options.fiscalYear;
  const department = seedDepartments[n % seedDepartments.length]!;
  const dept = clerk(department);

  let now = '';
  const at = (iso: string) => {
    // Projects seeded side by side get distinct minutes, so their timelines do not collide.
    now = new Date(Date.parse(iso) + (n % 480) * 60_000).toISOString();
  };
  const commands = new ProjectCommands(store, projects, rulebooks, () => new Date(now), 10);
  const context = (principal: Principal): CommandContext => ({ principal, correlationId: newId(), commandId: newId() });
  /** Sends a command the scenario needs; a refusal here is a bug in the scenario. */
  const run = async (principal: Principal, command: ProjectCommand): Promise<ProjectState> => {
    counted();
    const result = await commands.run({ projectId, command }, context(principal));
    return result.state ?? (await projects.load(projectId)).state;
  };
  /** Sends a command the domain may refuse on the numbers (a deviation within threshold). */
  const attempt = async (principal: Principal, command: ProjectCommand): Promise<boolean> => {
    try {
      await run(principal, command);
      return true;
    } catch (error) {
      if (error instanceof DomainRefusal) return false;
      throw error;
    }
  };
  const current = async () => (await projects.load(projectId)).state;

  // Proposal 申报
  // 500,000 to 20,000,000 yuan, in whole 10,000 yuan (万元).
  const requestedFen = Math.round(50 + random() * 1950) * 1_000_000;
  const title = `${Y}年${pick(department.titles)}`;
  at(`${Y}-01-05T01:00:00Z`);
  await run(dept, { type: 'ProposeProject', projectId, department: department.name, title, category: 'specific-purpose', fiscalYear: Y, requestedFen });

  // Goals 绩效目标 and review 目标审核
  const [outputName, outputUnit] = department.output;
  const quantityTarget = Math.round(20 + random() * 980);
  const indicators: IndicatorDefinition[] = [
    { indicatorId: 'output-quantity', name: outputName, level: 'output', kind: 'quantity', comparator: '>=', target: quantityTarget, unit: outputUnit, criteria: null, direction: 'higher-is-better', weight: 40, deadline: `${Y}-12-31` },
    { indicatorId: 'unit-cost', name: '单位成本', level: 'output', kind: 'cost', comparator: '<=', target: Math.round(requestedFen / 100 / quantityTarget), unit: '元', criteria: null, direction: 'lower-is-better', weight: 20, deadline: `${Y}-12-31` },
    { indicatorId: 'quality', name: '建设与服务质量', level: 'output', kind: 'quality', comparator: 'qualitative', target: null, unit: null, criteria: '验收合格率 100%，无重大质量问题', direction: 'higher-is-better', weight: 10, deadline: `${Y}-12-31` },
    { indicatorId: 'social-benefit', name: '群众受益覆盖率提升', level: 'benefit', kind: 'social', comparator: '>=', target: Math.round(10 + random() * 20), unit: '%', criteria: null, direction: 'higher-is-better', weight: 20, deadline: `${Y}-12-31` },
    { indicatorId: 'satisfaction', name: '服务对象满意度', level: 'satisfaction', kind: 'service-recipient', comparator: '>=', target: 90, unit: '%', criteria: null, direction: 'higher-is-better', weight: 10, deadline: `${Y}-12-31` },
  ];
  const goals = { type: 'SetPerformanceGoals', overallGoal: `${title}：按期完成建设任务，提升服务水平`, indicators } as const;
  at(`${Y}-01-10T02:00:00Z`);
  await run(dept, goals);
  at(`${Y}-01-20T02:00:00Z`);
  const review = random();
  if (review < 0.05) {
    await run(finance, { type: 'ReviewGoals', grade: 'poor', comments: '绩效目标与项目内容不匹配，指标不可衡量', reviewerId: finance.id });
    at(`${Y}-02-10T02:00:00Z`);
    return run(finance, { type: 'CloseProject', reason: '目标审核为差，不得进入预算' });
  }
  if (review < 0.15) {
    await run(finance, { type: 'ReviewGoals', grade: 'fair', comments: '产出指标偏低，请修改后重新报送', reviewerId: finance.id });
    at(`${Y}-01-25T02:00:00Z`);
    await run(dept, { ...goals, indicators: indicators.map((i) => (i.indicatorId === 'output-quantity' ? { ...i, target: Math.round(quantityTarget * 1.1) } : i)) });
    at(`${Y}-02-01T02:00:00Z`);
  }
  await run(finance, { type: 'ReviewGoals', grade: chance(0.4) ? 'excellent' : 'good', reviewerId: finance.id });

  // Admission 入库
  at(`${Y}-02-15T02:00:00Z`);
  if (chance(0.07)) {
    await run(finance, { type: 'DecideAdmission', decision: 'reject', reviewScore: Math.round(40 + random() * 20), reasons: ['项目必要性论证不充分'] });
    at(`${Y}-02-20T02:00:00Z`);
    return run(finance, { type: 'CloseProject', reason: '未入库，项目撤销' });
  }
  await run(finance, { type: 'DecideAdmission', decision: 'admit', reviewScore: Math.round(70 + random() * 28) });

  // Allocation 预算批复
  at(`${Y}-03-01T02:00:00Z`);
  const allocatedFen = Math.floor((requestedFen * (0.8 + random() * 0.2)) / 100_000) * 100_000;
  await run(finance, { type: 'AllocateBudget', amountFen: allocatedFen, documentNo: `渝财预〔${Y}〕${10 + (n % 90)}号` });
  const thirdParty = chance(0.5);
  if (thirdParty) {
    at(`${Y}-03-02T02:00:00Z`);
    await run(finance, { type: 'AssignEvaluator', evaluatorId: evaluator.id, evaluatorKind: 'third-party' });
  }

  // Execution and monitoring 双监控: monthly spending and readings, deviations at mid-year.
  const pace = 0.45 + random() * 0.65; // share of the time-proportional progress achieved
  // Drives the evaluation grade (low is good): partly chance, partly how far behind the project ran.
  const quality = Math.min(0.999, 0.6 * random() + 0.4 * (1 - (pace - 0.45) / 0.65));
  let budgetFen = allocatedFen;
  let spentFen = 0;
  const toResolve: string[] = [];
  for (let month = 3; month <= 12; month++) {
    const mm = String(month).padStart(2, '0');
    if (month === 9) {
      at(`${Y}-09-01T04:00:00Z`);
      for (const id of toResolve) await run(finance, { type: 'ResolveDeviation', deviationId: id, resolution: '进度已追回' });
    }
    const targetSpent = Math.min(budgetFen, Math.floor((budgetFen * Math.min(1, (month / 12) * pace * 1.05)) / 100) * 100);
    if (targetSpent > spentFen) {
      at(`${Y}-${mm}-26T03:00:00Z`);
      await run(dept, { type: 'RecordExpenditure', expenditureId: `x-${mm}`, amountFen: targetSpent - spentFen, spentOn: `${Y}-${mm}-25`, description: '按合同进度支付' });
      spentFen = targetSpent;
    }
    if (month % 3 === 0) {
      at(month === 12 ? `${Y + 1}-01-05T03:00:00Z` : `${Y}-${String(month + 1).padStart(2, '0')}-05T03:00:00Z`);
      const value = Math.round(quantityTarget * Math.min(1.1, (month / 12) * (pace + random() * 0.1)));
      await run(dept, { type: 'RecordReading', readingId: `r-${mm}`, indicatorId: 'output-quantity', period: `${Y}-${mm}`, value, unit: outputUnit });
      if (month === 6 || month === 12) {
        await run(dept, { type: 'RecordReading', readingId: `q-${mm}`, indicatorId: 'quality', period: `${Y}-${mm}`, likelihood: pace > 0.7 ? 'certain' : 'possible' });
      }
      if (month === 6) {
        at(`${Y}-07-10T04:00:00Z`);
        const behind = await attempt(monitoring, { type: 'FlagDeviation', deviationId: 'dev-budget-h1', subject: { kind: 'budget' } });
        const lagging = await attempt(monitoring, { type: 'FlagDeviation', deviationId: 'dev-output-h1', subject: { kind: 'indicator', readingId: 'r-06' } });
        at(`${Y}-07-15T04:00:00Z`);
        for (const [flagged, id, cause] of [[behind, 'dev-budget-h1', 'funding'], [lagging, 'dev-output-h1', pick(['staff', 'equipment', 'rules'] as const)]] as const) {
          if (!flagged) continue;
          await run(dept, { type: 'ExplainDeviation', deviationId: id, cause, measures: '加快招投标和合同执行进度，按月调度', likelihood: pace > 0.6 ? 'possible' : 'impossible' });
          if (chance(0.6)) toResolve.push(id);
        }
      }
      if (month === 9 && chance(0.2)) {
        at(`${Y}-10-08T02:00:00Z`);
        const adjusted = Math.max(spentFen + 100_000, Math.floor((budgetFen * 0.9) / 100_000) * 100_000);
        if (adjusted !== budgetFen) {
          await run(finance, { type: 'AdjustBudget', newBudgetFen: adjusted, reason: '根据执行进度调减预算' });
          budgetFen = adjusted;
        }
      }
      if (month === 9 && chance(0.15)) {
        at(`${Y}-10-09T02:00:00Z`);
        await run(dept, { type: 'AdjustTarget', indicatorId: 'satisfaction', adjustedTarget: 85, reason: '调查口径调整' });
      }
    }
  }

  // Evaluation 绩效评价: a self-evaluation for some, then finance or the third party.
  const state = await current();
  const maxPoints = indicatorMaxPoints(state.indicators, nationalRulebook2020);
  const share = quality < 0.3 ? 0.93 + random() * 0.07 : quality < 0.65 ? 0.82 + random() * 0.08 : quality < 0.9 ? 0.6 + random() * 0.18 : 0.3 + random() * 0.25;
  const scores = (s: number) => state.indicators.map((i) => ({ indicatorId: i.indicatorId, points: Math.floor(maxPoints.get(i.indicatorId)! * Math.min(1, s) * 100) / 100 }));
  // The self-evaluation sheet 绩效自评表 is computed from the readings: the department adds the
  // qualitative picks, a year-end actual where no reading came in, and the shortfall reasons.
  const selfScores = (s: number) =>
    state.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      ...(isQualitative(i)
        ? { points: Math.floor(maxPoints.get(i.indicatorId)! * Math.min(1, s) * 100) / 100 }
        : latestReading(state.readings, i.indicatorId)
          ? {}
          : { actual: Math.round((effectiveTarget(i) ?? 0) * Math.min(1, s) * 100) / 100 }),
      shortfallReason: '部分工程受汛期影响延后，次年一季度完工',
    }));
  const reason = '部分合同尾款按约定次年支付';
  if (chance(0.5)) {
    at(`${Y + 1}-01-20T02:00:00Z`);
    await run(dept, { type: 'ScoreEvaluation', evaluationId: 'self-1', kind: 'self', evaluatorId: dept.id, method: 'factor-analysis', scores: selfScores(share + 0.08), executionRateReason: reason });
  }
  at(`${Y + 1}-03-01T02:00:00Z`);
  const evaluated = thirdParty
    ? await run(evaluator, { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'third-party', evaluatorId: evaluator.id, method: pick(['cost-benefit', 'comparison', 'factor-analysis'] as const), scores: scores(share), executionRateReason: reason })
    : await run(finance, { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: finance.id, method: 'factor-analysis', scores: scores(share), executionRateReason: reason });
  const grade: Grade = evaluated.evaluations.find((e) => e.evaluationId === 'eval-1')!.grade;

  // Result application 结果应用, rectification 整改 and accountability 问责.
  at(`${Y + 1}-03-15T02:00:00Z`);
  if (grade === 'fair' || grade === 'poor') {
    await run(finance, { type: 'CutBudget', cutId: 'cut-eval', cause: { kind: 'evaluation', evaluationId: 'eval-1' } });
  }
  const decision = grade === 'excellent' ? 'prioritise' : grade === 'poor' ? pick(['suspend', 'cancel'] as const) : 'maintain';
  await run(finance, { type: 'ApplyResult', evaluationId: 'eval-1', decision });
  if (grade === 'excellent' || (grade === 'good' && chance(0.3))) {
    await run(finance, { type: 'GrantIncentive', incentiveId: 'inc-1', evaluationId: 'eval-1', measure: '下年度预算安排优先保障' });
  }
  if (grade === 'poor') {
    await run(finance, { type: 'TakeAccountabilityAction', actionId: 'acc-eval', cause: { kind: 'evaluation', evaluationId: 'eval-1' }, target: `${department.name}项目负责人`, measure: '约谈并通报' });
  }
  if (grade === 'poor' || (grade === 'fair' && chance(0.6)) || (grade === 'good' && chance(0.1))) {
    at(`${Y + 1}-03-20T02:00:00Z`);
    await run(finance, { type: 'OrderRectification', rectificationId: 'rect-1', evaluationId: 'eval-1', issues: '绩效目标完成不足，资金使用效益偏低' });
    if (chance(0.6)) {
      at(`${Y + 1}-05-01T02:00:00Z`);
      await run(dept, { type: 'ReportRectification', rectificationId: 'rect-1', report: '已完善管理制度并追加整改措施' });
      at(`${Y + 1}-05-10T02:00:00Z`);
      await run(finance, { type: 'VerifyRectification', rectificationId: 'rect-1', passed: true });
    } else {
      // Not done by the deadline: accountability and a further cut.
      at(`${Y + 1}-06-01T02:00:00Z`);
      await run(finance, { type: 'TakeAccountabilityAction', actionId: 'acc-rect', cause: { kind: 'rectification', rectificationId: 'rect-1' }, target: `${department.name}`, measure: '书面检查并扣减下年度预算' });
      await run(finance, { type: 'CutBudget', cutId: 'cut-rect', cause: { kind: 'rectification', rectificationId: 'rect-1' } });
    }
  }
  const final = await current();
  if (final.stage === 'results' && final.rectifications.every((r) => r.status === 'verified') && chance(0.5)) {
    at(`${Y + 1}-06-30T02:00:00Z`);
    return run(finance, { type: 'CloseProject', reason: '项目实施完毕，结果已应用' });
  }
  return final;
}
