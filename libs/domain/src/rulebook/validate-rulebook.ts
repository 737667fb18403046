import { DomainError, invariant } from '../shared/domain-error.js';
import { isNonEmptyText } from '../shared/time.js';
import { GRADES } from '../scoring/grade.js';
import { selfEvaluationRulesProblem } from '../scoring/self-evaluation/rules.js';
import type { Rulebook } from './rulebook.js';
import { validateLightRules } from './lights.js';
import { RESULT_EVENT_TYPE } from '../project/results/events.js';

const isShare = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
const isOptionalFlag = (b: unknown): boolean => b === undefined || typeof b === 'boolean';
const isPositiveWholeDays = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n > 0;

/**
 * The checks a rulebook must pass before it can be published. A bad rulebook would
 * silently grade every project wrongly, so each rule is refused by name.
 */
export const validateRulebook = (rulebook: Rulebook): DomainError | null => {
  if (!isNonEmptyText(rulebook.id)) {
    return invariant('rulebook.id-required', 'A rulebook needs an id.', '规则库必须有标识。');
  }
  if (!Number.isInteger(rulebook.version) || rulebook.version < 1) {
    return invariant('rulebook.version-invalid', 'A rulebook version is a whole number from 1.', '规则库版本须为从 1 开始的整数。');
  }

  // Grade bands: two or more grades of the vocabulary, each once, in its order (优 > 良 > 中 > 低 > 差)
  // with strictly lower minimums, all within 0–100, the last at 0. Five grades with 低 is the
  // Guangdong scheme (domain-rules R2); four is the national one.
  const bands = Array.isArray(rulebook.gradeBands) ? rulebook.gradeBands : [];
  const ranks = bands.map((b) => GRADES.indexOf(b?.grade));
  const mins = bands.map((b) => b?.min);
  const bandsValid =
    bands.length >= 2 &&
    ranks.every((r, i) => r >= 0 && (i === 0 || ranks[i - 1]! < r)) &&
    mins.every((m) => typeof m === 'number' && Number.isFinite(m) && m >= 0 && m <= 100) &&
    mins[mins.length - 1] === 0 &&
    mins.every((m, i) => i === 0 || (mins[i - 1] as number) > (m as number));
  if (!bandsValid) {
    return invariant(
      'rulebook.bands-invalid',
      'Grade bands must list two or more grades in the order excellent, good, fair, low, poor, each once, with strictly lower minimums ending at 0.',
      '等级区间须按优、良、中、低、差的顺序列出两个以上等级，每个等级一次，下限依次递减，最低等级的下限为 0。',
    );
  }

  const w = rulebook.selfEvaluationWeights;
  const parts = [w?.output, w?.benefit, w?.satisfaction, w?.executionRate];
  if (!parts.every((p) => typeof p === 'number' && p >= 0) || parts.reduce<number>((s, p) => s + (p as number), 0) !== 100) {
    return invariant('rulebook.weights-sum-100', 'Self-evaluation weights must sum to 100.', '自评权重之和须为 100。');
  }

  const t = rulebook.deviationThresholds;
  if (!t || !isShare(t.yellow) || !isShare(t.red) || !(t.yellow > 0 && t.yellow < t.red)) {
    return invariant(
      'rulebook.thresholds-invalid',
      'Deviation thresholds need 0 < yellow < red ≤ 1.',
      '偏差阈值须满足 0 < 黄色 < 红色 ≤ 1。',
    );
  }

  if (!isShare(rulebook.executionRateWarning) || rulebook.executionRateWarning === 0) {
    return invariant('rulebook.execution-warning-invalid', 'The execution-rate warning is a share in (0, 1].', '执行率预警线须在 (0, 1] 之间。');
  }

  const policiesValid = bands.every(({ grade }) => {
    const p = rulebook.resultPolicy?.[grade];
    return (
      p &&
      Array.isArray(p.decisions) &&
      p.decisions.length > 0 &&
      p.decisions.every((d) => d in RESULT_EVENT_TYPE) &&
      isShare(p.cutProportion) &&
      isOptionalFlag(p.automatic) &&
      isOptionalFlag(p.ordersRectification)
    );
  });
  if (!policiesValid || !isShare(rulebook.overdueRectificationCutProportion)) {
    return invariant(
      'rulebook.result-policy-invalid',
      'Each grade of the bands needs at least one known result decision, cut proportions between 0 and 1, and true or false for automatic and ordersRectification.',
      '等级区间中的每个等级须至少有一种有效的结果应用方式，削减比例须在 0 到 1 之间，automatic 和 ordersRectification 须为真或假。',
    );
  }
  const minYears = rulebook.midTermEvaluationMinYears;
  if (!isOptionalFlag(rulebook.allocateWithOverdueRectification) || (minYears !== undefined && !(Number.isInteger(minYears) && minYears >= 2 && minYears <= 30))) {
    return invariant(
      'rulebook.cycle-rules-invalid',
      'allocateWithOverdueRectification is true or false, and midTermEvaluationMinYears a whole number of years from 2 to 30.',
      'allocateWithOverdueRectification 须为真或假，midTermEvaluationMinYears 须为 2 到 30 的整数年。',
    );
  }

  if (
    !isPositiveWholeDays(rulebook.rectificationDeadlineDays) ||
    !isPositiveWholeDays(rulebook.escalationDays) ||
    !isPositiveWholeDays(rulebook.readingDueDays) ||
    !['monthly', 'quarterly'].includes(rulebook.monitoringCadence)
  ) {
    return invariant(
      'rulebook.schedule-invalid',
      'Deadlines are positive whole days and the cadence is monthly or quarterly.',
      '期限须为正整数天，监控频次须为按月或按季。',
    );
  }
  const scoringProblem = selfEvaluationRulesProblem(rulebook.selfEvaluation);
  if (scoringProblem !== null) {
    return invariant('rulebook.self-evaluation-invalid', `Self-evaluation options: ${scoringProblem}.`, `自评计分规则无效：${scoringProblem}。`);
  }
  return validateLightRules(rulebook.lights);
};
