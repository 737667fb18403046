export type { ReadModelDatabase, SqlExecutor, SqlValue } from './database/read-model-database.js';
export { SqliteReadModelDatabase } from './database/sqlite-read-model-database.js';
export { PostgresReadModelDatabase } from './database/postgres-read-model-database.js';
export type { Projection } from './runner/projection.js';
export { ProjectionRunner, type ProjectionStatus, type RunnerOptions } from './runner/projection-runner.js';
export { upcastStored } from './runner/upcast-stored.js';
export { ParkedEvents, parkingKey, type ParkedEvent, type ParkedSummary } from './runner/parked-events.js';
export { readModelProjections } from './read-models/read-model-projections.js';
export { projectsProjection } from './read-models/projects/projects.projection.js';
export { listProjects, type ProjectListFilter, type ProjectListRow, type Page } from './read-models/projects/project-list.query.js';
export { departmentDashboard, type DepartmentDashboardRow } from './read-models/dashboard/department-dashboard.query.js';
export { resultsToAllocations, type ResultsToAllocationsRow, type ResultDecisionCounts } from './read-models/dashboard/results-to-allocations.query.js';
export { deviationWatchlist, type DeviationFilter, type DeviationRow } from './read-models/deviations/deviation-watchlist.query.js';
export {
  listEvaluations,
  gradeDistribution,
  type EvaluationFilter,
  type EvaluationRow,
  type GradeDistributionRow,
  type GradeCounts,
} from './read-models/evaluations/evaluation-results.query.js';
export {
  accountabilityLedger,
  type AccountabilityLedger,
  type LedgerFilter,
  type LedgerCut,
  type LedgerApplication,
  type LedgerException,
} from './read-models/accountability/accountability-ledger.query.js';
export { indicatorProgress, type IndicatorProgress, type IndicatorProgressRow } from './read-models/indicators/indicator-progress.query.js';
export { indicatorStatus, type IndicatorStatus } from './read-models/indicator-status.js';
