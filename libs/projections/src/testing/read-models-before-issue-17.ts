/**
 * The read-model tables as the release before issue 17 (commit aec4589) created them, with
 * the versions its checkpoints record: what an existing installation has on disk. The
 * upgrade spec creates them, then lets this release's runner find the older versions and
 * rebuild. Copied from that release's projections (only the indentation differs); never changed.
 */
export const readModelsBeforeIssue17: ReadonlyArray<{ readonly name: string; readonly version: number; readonly tables: readonly string[]; readonly schema: readonly string[] }> = [
  {
    name: 'projects',
    version: 1,
    tables: ['rm_projects'],
    schema: [
      `CREATE TABLE rm_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         category TEXT NOT NULL,
         stage TEXT NOT NULL,
         requested_fen BIGINT NOT NULL,
         allocated_fen BIGINT NOT NULL DEFAULT 0,
         adjusted_budget_fen BIGINT NOT NULL DEFAULT 0,
         spent_fen BIGINT NOT NULL DEFAULT 0,
         grade TEXT,
         total_score REAL,
         open_deviations INTEGER NOT NULL DEFAULT 0,
         cut_fen BIGINT NOT NULL DEFAULT 0,
         proposed_at TEXT NOT NULL,
         revision INTEGER NOT NULL
       )`,
      'CREATE INDEX rm_projects_department_year ON rm_projects (department, fiscal_year)',
      'CREATE INDEX rm_projects_year_stage ON rm_projects (fiscal_year, stage)',
    ],
  },
  {
    name: 'dashboard',
    version: 3,
    tables: ['rm_dashboard', 'rm_dashboard_projects', 'rm_dashboard_deviations', 'rm_dashboard_indicators'],
    schema: [
      `CREATE TABLE rm_dashboard (
         fiscal_year INTEGER NOT NULL,
         department TEXT NOT NULL,
         projects INTEGER NOT NULL DEFAULT 0,
         requested_fen BIGINT NOT NULL DEFAULT 0,
         allocated_fen BIGINT NOT NULL DEFAULT 0,
         adjusted_budget_fen BIGINT NOT NULL DEFAULT 0,
         spent_fen BIGINT NOT NULL DEFAULT 0,
         cut_fen BIGINT NOT NULL DEFAULT 0,
         open_yellow INTEGER NOT NULL DEFAULT 0,
         open_red INTEGER NOT NULL DEFAULT 0,
         grade_excellent INTEGER NOT NULL DEFAULT 0,
         grade_good INTEGER NOT NULL DEFAULT 0,
         grade_fair INTEGER NOT NULL DEFAULT 0,
         grade_low INTEGER NOT NULL DEFAULT 0,
         grade_poor INTEGER NOT NULL DEFAULT 0,
         indicators_total INTEGER NOT NULL DEFAULT 0,
         indicators_judged INTEGER NOT NULL DEFAULT 0,
         indicators_on_track INTEGER NOT NULL DEFAULT 0,
         PRIMARY KEY (fiscal_year, department)
       )`,
      `CREATE TABLE rm_dashboard_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         grade TEXT
       )`,
      `CREATE TABLE rm_dashboard_deviations (
         project_id TEXT NOT NULL,
         deviation_id TEXT NOT NULL,
         level TEXT NOT NULL,
         PRIMARY KEY (project_id, deviation_id)
       )`,
      `CREATE TABLE rm_dashboard_indicators (
         project_id TEXT NOT NULL,
         indicator_id TEXT NOT NULL,
         comparator TEXT NOT NULL,
         start_target DOUBLE PRECISION,
         adjusted_target DOUBLE PRECISION,
         latest_period TEXT,
         latest_value DOUBLE PRECISION,
         latest_likelihood TEXT,
         latest_legacy INTEGER NOT NULL DEFAULT 0,
         status TEXT NOT NULL,
         PRIMARY KEY (project_id, indicator_id)
       )`,
    ],
  },
  {
    name: 'deviations',
    version: 1,
    tables: ['rm_deviation_projects', 'rm_deviations'],
    schema: [
      `CREATE TABLE rm_deviation_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL
       )`,
      `CREATE TABLE rm_deviations (
         project_id TEXT NOT NULL,
         deviation_id TEXT NOT NULL,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         subject_kind TEXT NOT NULL,
         indicator_id TEXT,
         period TEXT,
         level TEXT NOT NULL,
         expected DOUBLE PRECISION,
         actual DOUBLE PRECISION,
         gap DOUBLE PRECISION NOT NULL,
         flagged_at TEXT NOT NULL,
         status TEXT NOT NULL,
         escalated INTEGER NOT NULL DEFAULT 0,
         cause TEXT,
         measures TEXT,
         likelihood TEXT,
         resolution TEXT,
         resolved_at TEXT,
         PRIMARY KEY (project_id, deviation_id)
       )`,
      'CREATE INDEX rm_deviations_watch ON rm_deviations (status, level, flagged_at)',
      'CREATE INDEX rm_deviations_department_year ON rm_deviations (department, fiscal_year)',
    ],
  },
  {
    name: 'evaluations',
    version: 2,
    tables: ['rm_evaluation_projects', 'rm_evaluations', 'rm_evaluation_grades', 'rm_evaluation_overrides'],
    schema: [
      `CREATE TABLE rm_evaluation_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL
       )`,
      `CREATE TABLE rm_evaluations (
         project_id TEXT NOT NULL,
         evaluation_id TEXT NOT NULL,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         kind TEXT NOT NULL,
         evaluator_id TEXT NOT NULL,
         method TEXT,
         total_score DOUBLE PRECISION NOT NULL,
         grade TEXT NOT NULL,
         execution_rate DOUBLE PRECISION NOT NULL,
         drives_results INTEGER NOT NULL,
         scored_at TEXT NOT NULL,
         PRIMARY KEY (project_id, evaluation_id)
       )`,
      'CREATE INDEX rm_evaluations_year_department ON rm_evaluations (fiscal_year, department)',
      `CREATE TABLE rm_evaluation_grades (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         grade TEXT NOT NULL
       )`,
      'CREATE INDEX rm_evaluation_grades_year_department ON rm_evaluation_grades (fiscal_year, department, grade)',
      `CREATE TABLE rm_evaluation_overrides (
         project_id TEXT NOT NULL,
         evaluation_id TEXT NOT NULL,
         indicator_id TEXT NOT NULL,
         computed_points DOUBLE PRECISION,
         declared_points DOUBLE PRECISION NOT NULL,
         reason TEXT NOT NULL,
         PRIMARY KEY (project_id, evaluation_id, indicator_id)
       )`,
    ],
  },
  {
    name: 'accountability',
    version: 1,
    tables: ['rm_accountability_projects', 'rm_accountability_evaluations', 'rm_rectifications', 'rm_accountability_actions', 'rm_cuts'],
    schema: [
      `CREATE TABLE rm_accountability_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL
       )`,
      `CREATE TABLE rm_accountability_evaluations (
         project_id TEXT NOT NULL,
         evaluation_id TEXT NOT NULL,
         kind TEXT NOT NULL,
         total_score DOUBLE PRECISION NOT NULL,
         grade TEXT NOT NULL,
         scored_at TEXT NOT NULL,
         PRIMARY KEY (project_id, evaluation_id)
       )`,
      `CREATE TABLE rm_rectifications (
         project_id TEXT NOT NULL,
         rectification_id TEXT NOT NULL,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         evaluation_id TEXT,
         issues TEXT NOT NULL,
         ordered_at TEXT NOT NULL,
         deadline TEXT NOT NULL,
         status TEXT NOT NULL,
         reported_at TEXT,
         reported_late INTEGER,
         verified_at TEXT,
         failed_verifications INTEGER NOT NULL DEFAULT 0,
         PRIMARY KEY (project_id, rectification_id)
       )`,
      'CREATE INDEX rm_rectifications_year_department ON rm_rectifications (fiscal_year, department)',
      `CREATE TABLE rm_accountability_actions (
         project_id TEXT NOT NULL,
         action_id TEXT NOT NULL,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         cause_kind TEXT NOT NULL,
         cause_id TEXT NOT NULL,
         target TEXT NOT NULL,
         measure TEXT NOT NULL,
         taken_at TEXT NOT NULL,
         PRIMARY KEY (project_id, action_id)
       )`,
      'CREATE INDEX rm_accountability_actions_year_department ON rm_accountability_actions (fiscal_year, department)',
      `CREATE TABLE rm_cuts (
         project_id TEXT NOT NULL,
         cut_id TEXT NOT NULL,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL,
         title TEXT NOT NULL,
         cause_kind TEXT NOT NULL,
         cause_id TEXT NOT NULL,
         grade TEXT,
         base_fen BIGINT NOT NULL,
         proportion DOUBLE PRECISION NOT NULL,
         amount_fen BIGINT NOT NULL,
         cut_at TEXT NOT NULL,
         PRIMARY KEY (project_id, cut_id)
       )`,
      'CREATE INDEX rm_cuts_year_department ON rm_cuts (fiscal_year, department)',
    ],
  },
  {
    name: 'indicators',
    version: 2,
    tables: ['rm_indicator_projects', 'rm_indicators'],
    schema: [
      `CREATE TABLE rm_indicator_projects (
         project_id TEXT PRIMARY KEY,
         department TEXT NOT NULL,
         fiscal_year INTEGER NOT NULL
       )`,
      `CREATE TABLE rm_indicators (
         project_id TEXT NOT NULL,
         indicator_id TEXT NOT NULL,
         ordinal INTEGER NOT NULL,
         name TEXT NOT NULL,
         level TEXT NOT NULL,
         kind TEXT NOT NULL,
         comparator TEXT NOT NULL,
         unit TEXT,
         direction TEXT NOT NULL,
         weight DOUBLE PRECISION NOT NULL,
         start_target DOUBLE PRECISION,
         adjusted_target DOUBLE PRECISION,
         latest_reading_id TEXT,
         latest_period TEXT,
         latest_value DOUBLE PRECISION,
         latest_likelihood TEXT,
         latest_legacy INTEGER NOT NULL DEFAULT 0,
         status TEXT NOT NULL,
         PRIMARY KEY (project_id, indicator_id)
       )`,
    ],
  },
];
