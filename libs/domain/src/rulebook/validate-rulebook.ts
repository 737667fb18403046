import { DomainError, invariant } from '../shared/domain-error.js';
import { isNonEmptyText } from '../shared/time.js';
import { GRADES } from '../scoring/grade.js';
import type { Rulebook } from './rulebook.js';
import { validateLightRules } from './lights.js';

const isShare = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
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

  // Grade bands: each grade once, the lowest at 0, strictly ordered 优 > 良 > 中 > 差, all within 0–100.
  const bands = rulebook.gradeBands ?? [];
  const byGrade = new Map(bands.map((b) => [b.grade, b.min]));
  const mins = GRADES.map((g) => byGrade.get(g));
  const bandsValid =
    bands.length === GRADES.length &&
    byGrade.size === GRADES.length &&
    mins.every((m) => typeof m === 'number' && Number.isFinite(m) && m >= 0 && m <= 100) &&
    mins[GRADES.length - 1] === 0 &&
    mins.every((m, i) => i === 0 || (mins[i - 1] as number) > (m as number));
  if (!bandsValid) {
    return invariant(
      'rulebook.bands-invalid',
      'Grade bands must give each of excellent, good, fair, poor one strictly lower minimum, ending at 0.',
      '等级区间须为优、良、中、差各一个且下限依次递减，差的下限为 0。',
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

  const policiesValid = GRADES.every((g) => {
    const p = rulebook.resultPolicy?.[g];
    return p && p.decisions.length > 0 && isShare(p.cutProportion);
  });
  if (!policiesValid || !isShare(rulebook.overdueRectificationCutProportion)) {
    return invariant(
      'rulebook.result-policy-invalid',
      'Each grade needs at least one result decision and cut proportions between 0 and 1.',
      '每个等级须至少有一种结果应用方式，削减比例须在 0 到 1 之间。',
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
  return validateLightRules(rulebook.lights);
};
