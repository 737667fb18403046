import type { MonitoringCadence } from '../shared/period.js';
import type { Grade, GradeBand } from '../scoring/grade.js';
import type { LightRules } from './lights.js';
import type { SelfEvaluationRules } from '../scoring/self-evaluation/rules.js';

/**
 * What the finance bureau may decide for next year's budget after an evaluation
 * (结果应用): prioritise 优先保障, maintain 维持, suspend 暂停 (不予安排), cancel 取消,
 * reduce 核减后继续安排 (continue at a reduced amount), adjust-use 调整用途 (财预〔2020〕10号).
 * A cut 削减 is a BudgetCut event of its own, decided alongside.
 */
export type ResultDecision = 'prioritise' | 'maintain' | 'suspend' | 'cancel' | 'reduce' | 'adjust-use';

export interface ResultPolicy {
  /** Decisions the grade permits. */
  decisions: ResultDecision[];
  /** Share of the budget cut because of this grade (0 = no cut allowed). */
  cutProportion: number;
  /** Whether the grade qualifies the project for an incentive 激励. */
  incentiveEligible: boolean;
  /** Whether the grade alone justifies accountability 问责. */
  accountability: boolean;
  /**
   * Whether the workflow applies the result itself: the first decision, the cut when
   * `cutProportion` > 0, and an incentive for 优. false: finance chooses among `decisions`
   * and cuts by CutBudget (10号: 优、良 "根据情况予以支持"). Absent: true, as every rulebook
   * before practice-2027 meant.
   */
  automatic?: boolean;
  /**
   * Whether the grade orders rectification 整改 (10号: 中、差 "完善政策、改进管理"; R27).
   * Absent: only 差 (poor) does, as every rulebook before practice-2027 meant.
   */
  ordersRectification?: boolean;
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
  /**
   * Monitoring lights (see lights.ts). Absent in every rulebook published before lights
   * existed: those mean the gap form by `deviationThresholds`, as national-2020 v1 did.
   */
  lights?: LightRules;
  /** Self-evaluation scoring options 自评计分规则; missing fields take the defaults (`selfEvaluationRulesOf`). */
  selfEvaluation?: Partial<SelfEvaluationRules>;
  /**
   * Whether a budget may be allocated while a rectification is overdue and unverified
   * (10号: "整改到位后再予安排"). Absent or false: refused until it is verified.
   */
  allocateWithOverdueRectification?: boolean;
  /** A project whose implementation period has this many years or more gets a mid-term evaluation (10号: 5). Absent: 5. */
  midTermEvaluationMinYears?: number;
}

/** A grade the rulebook gives no policy (a grade of another rulebook version) permits nothing. */
const NO_POLICY: ResultPolicy = { decisions: [], cutProportion: 0, incentiveEligible: false, accountability: false, automatic: false, ordersRectification: false };

/** The result policy of a grade under this rulebook. */
export const resultPolicyFor = (rulebook: Pick<Rulebook, 'resultPolicy'>, grade: Grade): ResultPolicy => rulebook.resultPolicy[grade] ?? NO_POLICY;

/** Whether the workflow applies this policy without finance (absent: yes, the rule before practice-2027). */
export const appliesAutomatically = (policy: ResultPolicy): boolean => policy.automatic ?? true;

/** Whether this grade orders rectification (absent: only poor, the rule before practice-2027). */
export const ordersRectification = (policy: ResultPolicy, grade: Grade): boolean => policy.ordersRectification ?? grade === 'poor';

/** The reference an event keeps to the rulebook that produced it. */
export interface RulebookRef {
  id: string;
  version: number;
}

export const rulebookRef = (rulebook: Rulebook): RulebookRef => ({ id: rulebook.id, version: rulebook.version });
