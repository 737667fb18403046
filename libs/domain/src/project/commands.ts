/** Every command a budget project accepts, one per lifecycle step, discriminated on `type`. */
import type { ProposeProject } from './proposal/commands.js';
import type { ReviewGoals, SetPerformanceGoals } from './goals/commands.js';
import type { DecideAdmission } from './admission/commands.js';
import type { AdjustBudget, AllocateBudget } from './allocation/commands.js';
import type { RecordExpenditure } from './monitoring/spending.js';
import type { FlagReadingOverdue, RecordReading } from './monitoring/readings.js';
import type { AdjustTarget } from './monitoring/targets.js';
import type { AssessLights } from './monitoring/assess-lights.js';
import type { EscalateDeviation, ExplainDeviation, FlagDeviation, ResolveDeviation } from './monitoring/deviations.js';
import type { AssignEvaluator, ScoreEvaluation } from './evaluation/commands.js';
import type { ApplyResult, CutBudget, GrantIncentive } from './results/commands.js';
import type {
  OrderRectification,
  ReportRectification,
  TakeAccountabilityAction,
  VerifyRectification,
} from './rectification/commands.js';
import type { CloseProject } from './closure/commands.js';
import type { OpenNextCycle, OrderMidTermEvaluation, SetMediumTermGoals } from './cycles/commands.js';

export type ProjectCommand =
  | ProposeProject
  | SetPerformanceGoals
  | ReviewGoals
  | DecideAdmission
  | AllocateBudget
  | AdjustBudget
  | RecordExpenditure
  | RecordReading
  | AdjustTarget
  | FlagReadingOverdue
  | AssessLights
  | FlagDeviation
  | ExplainDeviation
  | ResolveDeviation
  | EscalateDeviation
  | AssignEvaluator
  | ScoreEvaluation
  | ApplyResult
  | CutBudget
  | GrantIncentive
  | OrderRectification
  | ReportRectification
  | VerifyRectification
  | TakeAccountabilityAction
  | CloseProject
  | OpenNextCycle
  | SetMediumTermGoals
  | OrderMidTermEvaluation;

export type {
  ProposeProject,
  SetPerformanceGoals,
  ReviewGoals,
  DecideAdmission,
  AllocateBudget,
  AdjustBudget,
  RecordExpenditure,
  RecordReading,
  AdjustTarget,
  FlagReadingOverdue,
  AssessLights,
  FlagDeviation,
  ExplainDeviation,
  ResolveDeviation,
  EscalateDeviation,
  AssignEvaluator,
  ScoreEvaluation,
  ApplyResult,
  CutBudget,
  GrantIncentive,
  OrderRectification,
  ReportRectification,
  VerifyRectification,
  TakeAccountabilityAction,
  CloseProject,
  OpenNextCycle,
  SetMediumTermGoals,
  OrderMidTermEvaluation,
};
