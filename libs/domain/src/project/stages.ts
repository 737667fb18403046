/**
 * The stage machine of a budget project. A command that does not fit the current stage is
 * refused (409), never silently accepted. The table below is the whole truth: `decide`
 * consults it before any rule, and its test walks every cell.
 */

/** Stages of a project's life, in order. */
export type Stage =
  | 'proposed' // 项目申报: proposed, goals not yet set
  | 'goals-submitted' // 目标待审: goals set, awaiting review
  | 'goals-revision' // 目标待修改: reviewed fair 中, must be revised and resubmitted
  | 'goals-approved' // 目标已审核: reviewed excellent 优 or good 良, awaiting admission
  | 'goals-barred' // 不得进入预算: reviewed poor 差, may not enter budgeting
  | 'admitted' // 已入库: in the project library 项目库, may be funded
  | 'rejected' // 未入库: not admitted
  | 'executing' // 执行中: budget allocated 预算批复, monitored 双监控
  | 'evaluated' // 已评价: scored by an evaluation that drives results
  | 'results' // 结果已应用: result applied, rectification and follow-up
  | 'closed'; // 已关闭: accepts no command

/** An empty stream is "none": only ProposeProject fits, anything else is not found. */
export type StageOrNone = Stage | 'none';

export const STAGES: readonly StageOrNone[] = [
  'none',
  'proposed',
  'goals-submitted',
  'goals-revision',
  'goals-approved',
  'goals-barred',
  'admitted',
  'rejected',
  'executing',
  'evaluated',
  'results',
  'closed',
];

/** Where each command may be given. Every stage not listed refuses it. */
const ALLOWED_IN = {
  ProposeProject: ['none'],
  SetPerformanceGoals: ['proposed', 'goals-revision'],
  ReviewGoals: ['goals-submitted'],
  DecideAdmission: ['goals-approved'],
  AllocateBudget: ['admitted'],
  AdjustBudget: ['executing'],
  RecordExpenditure: ['executing'],
  RecordReading: ['executing'],
  AdjustTarget: ['executing'],
  FlagReadingOverdue: ['executing'],
  AssessLights: ['executing'],
  FlagDeviation: ['executing'],
  ExplainDeviation: ['executing', 'evaluated'],
  ResolveDeviation: ['executing', 'evaluated'],
  EscalateDeviation: ['executing', 'evaluated'],
  AssignEvaluator: ['executing', 'evaluated'],
  ScoreEvaluation: ['executing', 'evaluated'],
  ApplyResult: ['evaluated'],
  // An overdue rectification may be cut for while the next year executes (the cut lowers the year after's cap).
  CutBudget: ['executing', 'evaluated', 'results'],
  GrantIncentive: ['results'],
  OrderRectification: ['evaluated', 'results'],
  // A rectification left open crosses into the next fiscal year, and is reported and verified there.
  ReportRectification: ['goals-submitted', 'goals-revision', 'goals-approved', 'admitted', 'executing', 'evaluated', 'results'],
  VerifyRectification: ['goals-submitted', 'goals-revision', 'goals-approved', 'admitted', 'executing', 'evaluated', 'results'],
  // Accountability follows a rectification left undone, which may be in the next year by then.
  TakeAccountabilityAction: ['goals-submitted', 'goals-revision', 'goals-approved', 'admitted', 'executing', 'evaluated', 'results'],
  // Before funding a project can be withdrawn; once funded it closes only after results are applied.
  CloseProject: ['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'goals-barred', 'admitted', 'rejected', 'results'],
  // A continuing project 延续性项目 asks for year N+1 once year N's result is applied.
  OpenNextCycle: ['results'],
  // Medium-term goals are the project's, set while it is planned or running.
  SetMediumTermGoals: ['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'admitted', 'executing', 'evaluated', 'results'],
  // Ordered by the mid-life timer whatever the year's stage, until the project closes.
  OrderMidTermEvaluation: ['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'goals-barred', 'admitted', 'rejected', 'executing', 'evaluated', 'results'],
} as const satisfies Record<string, readonly StageOrNone[]>;

export type ProjectCommandType = keyof typeof ALLOWED_IN;

export const COMMAND_TYPES = Object.keys(ALLOWED_IN) as ProjectCommandType[];

/** stage × command → allowed. Built once from ALLOWED_IN so the two can never disagree. */
export const stageCommandTable: Readonly<Record<StageOrNone, Readonly<Record<ProjectCommandType, boolean>>>> =
  Object.fromEntries(
    STAGES.map((stage) => [
      stage,
      Object.fromEntries(
        COMMAND_TYPES.map((command) => [command, (ALLOWED_IN[command] as readonly StageOrNone[]).includes(stage)]),
      ),
    ]),
  ) as Record<StageOrNone, Record<ProjectCommandType, boolean>>;

export const isAllowedIn = (stage: StageOrNone, command: ProjectCommandType): boolean =>
  stageCommandTable[stage]?.[command] === true;

/** Stages a command is allowed in, for error messages and docs. */
export const stagesAllowing = (command: ProjectCommandType): readonly StageOrNone[] => ALLOWED_IN[command];

/** The table as text: one row per command, one column per stage, ✓ where allowed. */
export const formatStageTable = (): string => {
  const width = Math.max(...COMMAND_TYPES.map((c) => c.length));
  const header = ['command'.padEnd(width), ...STAGES].join(' | ');
  const rows = COMMAND_TYPES.map((command) =>
    [command.padEnd(width), ...STAGES.map((stage) => (isAllowedIn(stage, command) ? '✓' : '·').padEnd(stage.length))].join(' | '),
  );
  return [header, '-'.repeat(header.length), ...rows].join('\n');
};
