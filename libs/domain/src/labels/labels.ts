import { text, type LocalizedText } from '../shared/localized-text.js';
import type { Likelihood, DeviationLevel } from '../deviation/check-deviation.js';
import type { ResultDecision } from '../rulebook/rulebook.js';
import type { Grade } from '../scoring/grade.js';
import type { Direction } from '../scoring/direction.js';
import type { StageOrNone } from '../project/stages.js';
import type { IndicatorKind, IndicatorLevel, Comparator } from '../project/goals/indicator.js';
import type { ProjectCategory } from '../project/proposal/events.js';
import type { DeviationCause } from '../project/monitoring/events.js';
import type { EvaluationKind, EvaluationMethod } from '../project/evaluation/events.js';

/** Bilingual labels for everything a person sees: the domain's vocabulary in zh-CN and en. */

export const STAGE_LABELS: Readonly<Record<StageOrNone, LocalizedText>> = {
  none: text('not proposed', '未申报'),
  proposed: text('proposed', '已申报'),
  'goals-submitted': text('goals awaiting review', '目标待审核'),
  'goals-revision': text('goals to be revised', '目标待修改'),
  'goals-approved': text('goals approved', '目标已审核'),
  'goals-barred': text('barred from budgeting', '不得进入预算'),
  admitted: text('admitted to the project library', '已入库'),
  rejected: text('not admitted', '未入库'),
  executing: text('executing and monitored', '执行监控中'),
  evaluated: text('evaluated', '已评价'),
  results: text('results applied', '结果已应用'),
  closed: text('closed', '已关闭'),
};

export const INDICATOR_LEVEL_LABELS: Readonly<Record<IndicatorLevel, LocalizedText>> = {
  output: text('output', '产出指标'),
  benefit: text('benefit', '效益指标'),
  satisfaction: text('satisfaction', '满意度指标'),
};

export const INDICATOR_KIND_LABELS: Readonly<Record<IndicatorKind, LocalizedText>> = {
  quantity: text('quantity', '数量指标'),
  quality: text('quality', '质量指标'),
  timeliness: text('timeliness', '时效指标'),
  cost: text('cost', '成本指标'),
  economic: text('economic benefit', '经济效益指标'),
  social: text('social benefit', '社会效益指标'),
  ecological: text('ecological benefit', '生态效益指标'),
  sustainability: text('sustainable impact', '可持续影响指标'),
  'service-recipient': text('service-recipient satisfaction', '服务对象满意度指标'),
};

export const COMPARATOR_LABELS: Readonly<Record<Comparator, LocalizedText>> = {
  '>=': text('≥', '≥'),
  '>': text('>', '>'),
  '=': text('=', '='),
  '<': text('<', '<'),
  '<=': text('≤', '≤'),
  qualitative: text('qualitative', '定性'),
};

export const DIRECTION_LABELS: Readonly<Record<Direction, LocalizedText>> = {
  'higher-is-better': text('higher is better', '正向指标'),
  'lower-is-better': text('lower is better', '反向指标'),
};

export const GRADE_LABELS: Readonly<Record<Grade, LocalizedText>> = {
  excellent: text('excellent', '优'),
  good: text('good', '良'),
  fair: text('fair', '中'),
  low: text('low', '低'),
  poor: text('poor', '差'),
};

export const CATEGORY_LABELS: Readonly<Record<ProjectCategory, LocalizedText>> = {
  personnel: text('personnel', '人员类项目'),
  operating: text('operating', '运转类项目'),
  'specific-purpose': text('specific-purpose', '特定目标类项目'),
};

export const DEVIATION_CAUSE_LABELS: Readonly<Record<DeviationCause, LocalizedText>> = {
  funding: text('funding', '经费保障'),
  rules: text('rules and systems', '制度保障'),
  staff: text('staff', '人员保障'),
  equipment: text('equipment', '硬件条件保障'),
  other: text('other', '其他'),
};

export const DEVIATION_LEVEL_LABELS: Readonly<Record<DeviationLevel, LocalizedText>> = {
  none: text('on track', '无偏差'),
  yellow: text('yellow warning', '黄色预警'),
  red: text('red warning', '红色预警'),
};

export const LIKELIHOOD_LABELS: Readonly<Record<Likelihood, LocalizedText>> = {
  certain: text('certain', '确定能'),
  possible: text('possible', '有可能'),
  impossible: text('impossible', '完全不可能'),
};

export const EVALUATION_KIND_LABELS: Readonly<Record<EvaluationKind, LocalizedText>> = {
  self: text('self-evaluation', '单位自评'),
  department: text('department evaluation', '部门评价'),
  finance: text('finance evaluation', '财政评价'),
  'third-party': text('third-party evaluation', '第三方评价'),
};

export const EVALUATION_METHOD_LABELS: Readonly<Record<EvaluationMethod, LocalizedText>> = {
  'cost-benefit': text('cost-benefit analysis', '成本效益分析法'),
  comparison: text('comparison', '比较法'),
  'factor-analysis': text('factor analysis', '因素分析法'),
  'lowest-cost': text('lowest cost', '最低成本法'),
  'public-assessment': text('public assessment', '公众评判法'),
};

export const RESULT_DECISION_LABELS: Readonly<Record<ResultDecision, LocalizedText>> = {
  prioritise: text('prioritised', '优先保障'),
  maintain: text('maintained', '维持'),
  suspend: text('suspended', '暂停'),
  cancel: text('cancelled', '取消'),
  reduce: text('continued at a reduced amount', '核减后继续安排'),
  'adjust-use': text('use of funds adjusted', '调整资金用途'),
};
