/**
 * @jixiao/workflow — process managers and durable timers: where the rulebook says so,
 * the lifecycle moves by itself. Reactions are pure (event, knowledge, rulebook, now →
 * commands and timers); the engine runs them as checkpointed subscribers under leases.
 */
export * from './ports/command-dispatcher.js';
export * from './process-manager.js';
export { processManagers } from './process-managers/all.js';
export * from './process-managers/lights-assessment/lights-assessment.js';
export * from './process-managers/result-application/result-application.js';
export * from './process-managers/rectification-deadline/rectification-deadline.js';
export * from './process-managers/monitoring-cadence/monitoring-cadence.js';
export * from './process-managers/escalation/escalation.js';
export { Leases } from './lease/lease.js';
export { Timers, TimerScheduler, type TimerOutcome } from './timers/timers.js';
export { timersProjection } from './timers/timers.projection.js';
export { timerStream, TIMER_EVENT_TYPES, type TimerData } from './timers/timer-events.js';
export { WorkflowEngine, TIMERS_LEASE, type WorkflowEngineOptions, type WorkflowStatus, type RecordedRefusal } from './runner/workflow-engine.js';
export { DirectCommandDispatcher } from './dispatch/direct-dispatcher.js';
export {
  whatIf,
  whatIfProject,
  whatIfDepartment,
  type WhatIfReport,
  type WhatIfScope,
  type WhatIfRefusal,
  type AfterRefusal,
  type Difference,
  type YearComparison,
  type YearOutcome,
} from './what-if/what-if.js';
export { failureKind, describeError, type FailureKind } from './parking/failure-kind.js';
export { ParkedReactions, parkedId, type ParkedReaction } from './parking/parked-reactions.js';
export { cutLedgerOf, type CutLedger, type CutLedgerYear, type CountAndFen, type LedgerEvent } from './simulation/cut-ledger.js';
