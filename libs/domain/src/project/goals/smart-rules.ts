import { invariant, type DomainError } from '../../shared/domain-error.js';
import { isCalendarDate, isNonEmptyText, yearOf } from '../../shared/time.js';
import { KINDS_BY_LEVEL, type Comparator, type IndicatorDefinition } from './indicator.js';

const COMPARATORS: readonly Comparator[] = ['>=', '>', '=', '<', '<=', 'qualitative'];

/**
 * The SMART checks on a goal framework 绩效目标: every indicator is specific (a level, a
 * kind of that level, a name), measurable (a numeric target with a unit, or written
 * criteria when qualitative), directed and weighted; weights sum to 100; and it is
 * time-bound (its deadline inside the fiscal year). Returns the first rule broken.
 */
export const checkSmartGoals = (indicators: readonly IndicatorDefinition[], fiscalYear: number): DomainError | null => {
  if (!indicators || indicators.length === 0) {
    return invariant('goals.indicators-required', 'Goals need at least one indicator.', '绩效目标须至少包含一个指标。');
  }
  const ids = new Set<string>();
  for (const i of indicators) {
    const at = { indicatorId: i.indicatorId };
    if (!isNonEmptyText(i.indicatorId) || !isNonEmptyText(i.name)) {
      return invariant('goals.indicator-id-name-required', 'Each indicator needs an id and a name.', '每个指标须有标识和名称。', at);
    }
    if (ids.has(i.indicatorId)) {
      return invariant('goals.duplicate-indicator', `Indicator ${i.indicatorId} is declared twice.`, `指标 ${i.indicatorId} 重复。`, at);
    }
    ids.add(i.indicatorId);
    if (!Object.hasOwn(KINDS_BY_LEVEL, i.level) || !KINDS_BY_LEVEL[i.level].includes(i.kind)) {
      return invariant(
        'goals.level-kind-invalid',
        `Indicator ${i.indicatorId}: the level-2 kind must belong to its level (output, benefit or satisfaction).`,
        `指标 ${i.indicatorId}：二级指标须属于其一级指标（产出、效益或满意度）。`,
        at,
      );
    }
    if (!COMPARATORS.includes(i.comparator)) {
      return invariant('goals.comparator-invalid', `Indicator ${i.indicatorId}: unknown comparator.`, `指标 ${i.indicatorId}：比较符无效。`, at);
    }
    if (i.direction !== 'higher-is-better' && i.direction !== 'lower-is-better') {
      return invariant('goals.direction-required', `Indicator ${i.indicatorId} needs a direction.`, `指标 ${i.indicatorId} 须有指标方向。`, at);
    }
    if (i.comparator === 'qualitative') {
      if (!isNonEmptyText(i.criteria)) {
        return invariant(
          'goals.criteria-required',
          `Qualitative indicator ${i.indicatorId} needs written criteria.`,
          `定性指标 ${i.indicatorId} 须有书面评价标准。`,
          at,
        );
      }
    } else {
      if (typeof i.target !== 'number' || !Number.isFinite(i.target) || i.target < 0 || !isNonEmptyText(i.unit)) {
        return invariant(
          'goals.target-unit-required',
          `Quantitative indicator ${i.indicatorId} needs a non-negative numeric target and a unit.`,
          `定量指标 ${i.indicatorId} 须有非负数值目标和计量单位。`,
          at,
        );
      }
      // "≥ 0 households" measures nothing; a higher-is-better target must be reachable from zero.
      if (i.direction === 'higher-is-better' && i.target === 0) {
        return invariant(
          'goals.target-positive',
          `Higher-is-better indicator ${i.indicatorId} needs a target above zero.`,
          `正向指标 ${i.indicatorId} 的目标值须大于零。`,
          at,
        );
      }
      const expected = i.comparator === '>=' || i.comparator === '>' ? 'higher-is-better' : i.comparator === '=' ? null : 'lower-is-better';
      if (expected !== null && i.direction !== expected) {
        return invariant(
          'goals.direction-matches-comparator',
          `Indicator ${i.indicatorId}: ${i.comparator} implies ${expected}.`,
          `指标 ${i.indicatorId}：比较符 ${i.comparator} 与指标方向不一致。`,
          at,
        );
      }
    }
    if (typeof i.weight !== 'number' || !Number.isFinite(i.weight) || i.weight <= 0) {
      return invariant('goals.weight-positive', `Indicator ${i.indicatorId} needs a positive weight.`, `指标 ${i.indicatorId} 的权重须为正数。`, at);
    }
    if (!isCalendarDate(i.deadline) || yearOf(i.deadline) !== fiscalYear) {
      return invariant(
        'goals.deadline-in-fiscal-year',
        `Indicator ${i.indicatorId}: the deadline must be a date inside fiscal year ${fiscalYear}.`,
        `指标 ${i.indicatorId}：完成时限须在 ${fiscalYear} 预算年度内。`,
        { ...at, deadline: i.deadline },
      );
    }
  }
  // Weights may carry two decimals (33.33 + 33.33 + 33.34); compare in hundredths to avoid float noise.
  const hundredths = Math.round(indicators.reduce((sum, i) => sum + i.weight, 0) * 100);
  if (hundredths !== 10_000) {
    return invariant(
      'goals.weights-sum-100',
      `Indicator weights must sum to 100 (they sum to ${hundredths / 100}).`,
      `指标权重之和须为 100（当前为 ${hundredths / 100}）。`,
      { sum: hundredths / 100 },
    );
  }
  return null;
};
