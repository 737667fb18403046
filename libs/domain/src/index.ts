/**
 * @jixiao/domain — the pure lifecycle model of a budget project (项目): commands, events,
 * decide/evolve, the rulebook, scoring and deviation checks. No framework, no I/O, no
 * clock: time, ids and the rulebook arrive as arguments. Other libs import only from here.
 */

// Shared values
export { DomainError, isDomainError, type DomainErrorKind } from './shared/domain-error.js';
export type { Decision as DecisionOf } from './shared/decision.js';
export type { LocalizedText } from './shared/localized-text.js';
export type { DomainEvent } from './shared/domain-event.js';
export { isFen, isPositiveFen, type Fen } from './shared/money.js';
export { parseInstant, parseCalendarDate, isInstant, isCalendarDate } from './shared/time.js';
export { MAX_INPUT_MAGNITUDE, isBoundedNumber, hasAtMostTwoDecimals } from './shared/bounds.js';
export { parsePeriod, timeProgressAt, timeProgressAtEndOf, type MonitoringCadence, type Period } from './shared/period.js';
export { derivedId, derivedIdPattern, type DerivedIdKind } from './shared/derived-id.js';

// The project decider
export { projectDecider, projectNotFound, decide, evolve, replay } from './project/decider.js';
export type { ProjectDecision, ProjectDecision as Decision } from './project/decision.js';
export type { DecideContext } from './project/decide-context.js';
export * from './project/commands.js';
export * from './project/events.js';
export {
  initialProjectState,
  openDeviations,
  openRectifications,
  isRectificationOverdue,
  findIndicator,
  type ProjectState,
  type Reading,
  type Deviation,
  type Evaluation,
  type Rectification,
  type Cut,
} from './project/state.js';
export {
  stageCommandTable,
  formatStageTable,
  isAllowedIn,
  stagesAllowing,
  STAGES,
  COMMAND_TYPES,
  type Stage,
  type StageOrNone,
  type ProjectCommandType,
} from './project/stages.js';
export { projectStream } from './project/streams.js';
export { makeEvent } from './project/make-event.js';
export {
  KINDS_BY_LEVEL,
  effectiveTarget,
  isQualitative,
  type Indicator,
  type IndicatorDefinition,
  type IndicatorKind,
  type IndicatorLevel,
  type Comparator,
} from './project/goals/indicator.js';
export { checkSmartGoals } from './project/goals/smart-rules.js';
export { reviewOutcomeFor } from './project/goals/events.js';
export { DEVIATION_CAUSES, readingDeviation } from './project/monitoring/deviations.js';
export { LIKELIHOODS } from './project/monitoring/readings.js';

// Rulebook
export { nationalRulebook2020 } from './rulebook/national-2020.js';
export { rulebookRef, resultPolicyFor, appliesAutomatically, ordersRectification, type Rulebook, type RulebookRef, type ResultDecision, type ResultPolicy } from './rulebook/rulebook.js';
export { validateRulebook } from './rulebook/validate-rulebook.js';
export {
  rulebookDecider,
  rulebookStream,
  rulebookInitialState,
  decideRulebook,
  evolveRulebook,
  type PublishRulebook,
  type RulebookCommand,
  type RulebookPublished,
  type RulebookEvent,
  type RulebookState,
} from './rulebook/rulebook-decider.js';

// Scoring
export type { Direction } from './scoring/direction.js';
export { executionRate, executionRatePoints } from './scoring/execution-rate.js';
export { totalScore } from './scoring/total-score.js';
export { indicatorMaxPoints } from './scoring/indicator-points.js';
export { gradeFor, GRADES, GOAL_REVIEW_GRADES, type Grade, type GoalReviewGrade, type GradeBand } from './scoring/grade.js';
export { indicatorMaxPointsExact } from './scoring/indicator-points.js';
export {
  computeSelfEvaluationSheet,
  latestReading,
  type SelfEvaluationSheet,
  type SheetRow,
  type SheetRowInput,
  type SheetIssue,
  type BudgetExecutionRow,
} from './scoring/self-evaluation/sheet.js';
export {
  FORMULA_IDS,
  LOWER_IS_BETTER_FORMULAS,
  QUALITATIVE_TIERS,
  type FormulaId,
  type QualitativeTier,
  type LowerIsBetterFormulaId,
} from './scoring/self-evaluation/formulas.js';
export {
  DEFAULT_SELF_EVALUATION_RULES,
  OVER_ACHIEVEMENT_DEDUCTIONS,
  selfEvaluationRulesOf,
  type SelfEvaluationRules,
  type OverAchievementDeduction,
} from './scoring/self-evaluation/rules.js';

// Deviation
export {
  checkDeviation,
  levelForGap,
  type DeviationCheck,
  type DeviationCheckInput,
  type DeviationLevel,
  type Likelihood,
} from './deviation/check-deviation.js';
export { checkBudgetDeviation, type BudgetDeviationInput } from './deviation/check-budget-deviation.js';

// Upcasting and the event catalogue
export { upcast, upcasterRegistry } from './upcasting/upcast.js';
export { UpcasterRegistry, type Upcaster, type StoredEventShape } from './upcasting/upcaster-registry.js';
export { monitoringReadingV1ToV2, type MonitoringReadingRecordedV1Data } from './upcasting/monitoring-reading-v1.js';
export { evaluationScoredV1ToV2 } from './upcasting/evaluation-scored-v1.js';
export { eventCatalogue, type CatalogueEntry, type CataloguedEventType } from './event-catalogue.js';

// Labels
export * from './labels/labels.js';

// Monitoring lights 预警灯
export { deployedPracticeLights, gapFormLights, lightRulesOf, validateLightRules, type LightRules } from './rulebook/lights.js';
export { practiceRulebook2026 } from './rulebook/practice-2026.js';
export { defaultRulebook, practiceRulebook2027 } from './rulebook/practice-2027.js';
export {
  currentCycle,
  cyclesOf,
  cycleOf,
  cutCapFen,
  type Cycle,
  type CarriedOver,
  type CutsApplied,
  type MediumTermGoals,
  type MidTermEvaluation,
} from './project/cycles/cycle.js';
export { fiscalYearAfter, fiscalYearOfCommand, withFiscalYears } from './project/cycles/fiscal-year-of.js';
export { RESULT_EVENT_TYPE } from './project/results/events.js';
export { midLifeOf, needsMidTermEvaluation, periodYears } from './project/cycles/mid-life.js';
export { MAX_PERIOD_YEARS } from './project/cycles/commands.js';
export { assessmentDates, firstAssessmentDate, isAssessable, monthEnd, periodEndDate, progressOn } from './lights/business-date.js';
export { judgeIndicatorReading, meetsComparator, type IndicatorReadingInput } from './lights/judge-indicator.js';
export { judgeBudget, type BudgetInput } from './lights/judge-budget.js';
export { COMPLETIONS, isWarning, type Completion, type Judgement, type Light, type LitSubject, type SubjectLight, type WarningLight } from './lights/light.js';
export { assessmentChanges, applyMonitoring, lightsAfter, budgetLightChange, currentLight, indicatorLightChange, lightChange, openWarningOn } from './project/monitoring/light-changes.js';
export { LIGHT_EVENT_TYPES, type DeviationCleared, type DeviationLowered, type DeviationRaised, type LightAssessed, type LightEvent } from './project/monitoring/light-events.js';
export type { AssessLights } from './project/monitoring/assess-lights.js';
// Samples: deterministic generators for demo data, benchmarks and simulations
export { seededRandom } from './samples/seeded-random.js';
