/** Every event of a budget project's stream: past-tense facts, `{ type, schemaVersion, data }`. */
import type { ProposalEvent } from './proposal/events.js';
import type { GoalsEvent } from './goals/events.js';
import type { AdmissionEvent } from './admission/events.js';
import type { AllocationEvent } from './allocation/events.js';
import type { MonitoringEvent } from './monitoring/events.js';
import type { EvaluationEvent } from './evaluation/events.js';
import type { ResultsEvent } from './results/events.js';
import type { RectificationEvent } from './rectification/events.js';
import type { ClosureEvent } from './closure/events.js';
import type { CycleEvent } from './cycles/events.js';

export type ProjectEvent =
  | ProposalEvent
  | GoalsEvent
  | AdmissionEvent
  | AllocationEvent
  | MonitoringEvent
  | EvaluationEvent
  | ResultsEvent
  | RectificationEvent
  | ClosureEvent
  | CycleEvent;

export type { ProjectProposed, ProjectCategory } from './proposal/events.js';
export type { PerformanceGoalSet, GoalsReviewed, GoalReviewOutcome } from './goals/events.js';
export type { ProjectAdmitted, ProjectRejected } from './admission/events.js';
export type { BudgetAllocated, BudgetAdjusted } from './allocation/events.js';
export type {
  ExpenditureRecorded,
  MonitoringReadingRecorded,
  ReadingOverdueFlagged,
  TargetAdjusted,
  DeviationFlagged,
  DeviationExplained,
  DeviationResolved,
  DeviationEscalated,
  DeviationCause,
  DeviationSubject,
} from './monitoring/events.js';
export type { EvaluatorAssigned, EvaluationScored, EvaluationKind, EvaluationMethod, IndicatorScore } from './evaluation/events.js';
export type {
  ProjectPrioritised,
  ProjectMaintained,
  ProjectSuspended,
  ProjectCancelled,
  ProjectReduced,
  ProjectUseAdjusted,
  BudgetCut,
  IncentiveGranted,
  Cause,
} from './results/events.js';
export type {
  RectificationOrdered,
  RectificationReported,
  RectificationVerified,
  AccountabilityActionTaken,
} from './rectification/events.js';
export type { ProjectClosed } from './closure/events.js';
export type { CycleOpened, PriorCutsApplied, MediumTermGoalsSet, MidTermEvaluationOrdered } from './cycles/events.js';
