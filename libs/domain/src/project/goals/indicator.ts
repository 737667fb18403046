import type { Direction } from '../../scoring/direction.js';

/**
 * Performance indicator 绩效指标, the leaf of the three-level indicator tree 三级指标:
 * level 1 (一级) output 产出 / benefit 效益 / satisfaction 满意度, level 2 (二级) the
 * kinds below, level 3 (三级) the indicator itself with its target.
 */
export type IndicatorLevel = 'output' | 'benefit' | 'satisfaction';

export type IndicatorKind =
  // output 产出
  | 'quantity' // 数量
  | 'quality' // 质量
  | 'timeliness' // 时效
  | 'cost' // 成本
  // benefit 效益
  | 'economic' // 经济效益
  | 'social' // 社会效益
  | 'ecological' // 生态效益
  | 'sustainability' // 可持续影响
  // satisfaction 满意度
  | 'service-recipient'; // 服务对象满意度

export const KINDS_BY_LEVEL: Readonly<Record<IndicatorLevel, readonly IndicatorKind[]>> = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainability'],
  satisfaction: ['service-recipient'],
};

/** Comparator 比较符: how the actual is held against the target; qualitative 定性 has written criteria instead. */
export type Comparator = '>=' | '>' | '=' | '<' | '<=' | 'qualitative';

/** An indicator as the department declares it when setting goals. */
export interface IndicatorDefinition {
  indicatorId: string;
  name: string;
  level: IndicatorLevel;
  kind: IndicatorKind;
  comparator: Comparator;
  /** Numeric target for a quantitative indicator; null for a qualitative one. */
  target: number | null;
  /** Unit of the target (户, %, 元/人); null for a qualitative indicator. */
  unit: string | null;
  /** Written criteria 评价标准 for a qualitative indicator; optional otherwise. */
  criteria: string | null;
  direction: Direction;
  /** Share of the goal framework; all weights of one framework sum to 100. */
  weight: number;
  /** Calendar date by which the target is to be met; inside the fiscal year. */
  deadline: string;
}

/** An indicator as the project holds it: the start-of-year target is never overwritten. */
export interface Indicator extends IndicatorDefinition {
  /** Target as admitted at the start of the year 年初目标. */
  startOfYearTarget: number | null;
  /** Target after a mid-year adjustment 调整后目标, null until one is made. */
  adjustedTarget: number | null;
}

export const isQualitative = (i: Pick<IndicatorDefinition, 'comparator'>): boolean => i.comparator === 'qualitative';

/** The target that counts now: the adjusted one if there is one. */
export const effectiveTarget = (i: Indicator): number | null => i.adjustedTarget ?? i.startOfYearTarget;
