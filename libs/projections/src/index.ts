export type { ReadModelDatabase, SqlExecutor, SqlValue } from './database/read-model-database.js';
export { SqliteReadModelDatabase } from './database/sqlite-read-model-database.js';
export { PostgresReadModelDatabase } from './database/postgres-read-model-database.js';
export type { Projection } from './runner/projection.js';
export { ProjectionRunner, type ProjectionStatus, type RunnerOptions } from './runner/projection-runner.js';
export { upcastStored } from './runner/upcast-stored.js';
export { readModelProjections } from './read-models/read-model-projections.js';
export { projectsProjection } from './read-models/projects/projects.projection.js';
export { listProjects, type ProjectListFilter, type ProjectListRow, type Page } from './read-models/projects/project-list.query.js';
