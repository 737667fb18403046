import type { MonitoringCadence } from '../shared/period.js';
import type { Grade, GradeBand } from '../scoring/grade.js';
import type { SelfEvaluationRules } from '../scoring/self-evaluation/rules.js';

/**
 * What the finance bureau may decide for next year's budget after an evaluation
 * (结果应用): prioritise 优先保障, maintain 维持, suspend 暂停, cancel 取消.
 * A cut 削减 is a BudgetCut event of its own, decided alongside.
 */
export type ResultDecision = 'prioritise' | 'maintain' | 'suspend' | 'cancel';

export interface ResultPolicy {
  /** Decisions the grade permits. */
  decisions: ResultDecision[];
  /** Share of the budget cut because of this grade (0 = no cut allowed). */
  cutProportion: number;
  /** Whether the grade qualifies the project for an incentive 激励. */
  incentiveEligible: boolean;
  /** Whether the grade alone justifies accountability 问责. */
  accountability: boolean;
}

/**
 * Rulebook 规则库: the numbers that differ by region and year, versioned and itself
 * event-sourced. Every event a rule produced names the rulebook id and version.
 */
export interface Rulebook {
  id: string;
  version: number;
  name: { en: string; 'zh-CN': string };
  /**
   * Grade bands, e.g. 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 ≥ 0 (10号), or five with 低
   * (Guangdong): any two or more grades of the vocabulary, best first, the last at 0.
   */
  gradeBands: GradeBand[];
  /** Points out of 100 for each part of an evaluation (自评指标权重). */
  selfEvaluationWeights: { output: number; benefit: number; satisfaction: number; executionRate: number };
  /**
   * How far behind time-proportional progress 序时进度 a reading or the budget may fall
   * before a yellow or red warning, as a share of the target (0.1 = ten points behind).
   */
  deviationThresholds: { yellow: number; red: number };
  /** An execution rate 预算执行率 below this needs a stated reason. */
  executionRateWarning: number;
  /** What each grade of the bands permits; a grade the bands do not use needs none. */
  resultPolicy: Partial<Record<Grade, ResultPolicy>>;
  /** Share of the budget cut when a rectification is overdue. */
  overdueRectificationCutProportion: number;
  /** Default days between ordering a rectification 整改 and its deadline. */
  rectificationDeadlineDays: number;
  monitoringCadence: MonitoringCadence;
  /** A period's reading is overdue this many days after the period ends. */
  readingDueDays: number;
  /** An unexplained deviation may be escalated this many days after it was flagged. */
  escalationDays: number;
  /** Self-evaluation scoring options 自评计分规则; missing fields take the defaults (`selfEvaluationRulesOf`). */
  selfEvaluation?: Partial<SelfEvaluationRules>;
}

/** A grade the rulebook gives no policy (a grade of another rulebook version) permits nothing. */
const NO_POLICY: ResultPolicy = { decisions: [], cutProportion: 0, incentiveEligible: false, accountability: false };

/** The result policy of a grade under this rulebook. */
export const resultPolicyFor = (rulebook: Pick<Rulebook, 'resultPolicy'>, grade: Grade): ResultPolicy => rulebook.resultPolicy[grade] ?? NO_POLICY;

/** The reference an event keeps to the rulebook that produced it. */
export interface RulebookRef {
  id: string;
  version: number;
}

export const rulebookRef = (rulebook: Rulebook): RulebookRef => ({ id: rulebook.id, version: rulebook.version });
