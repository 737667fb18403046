import { refuse } from '../shared/decision.js';
import { DomainError } from '../shared/domain-error.js';
import { text } from '../shared/localized-text.js';
import type { ProjectCommand } from './commands.js';
import type { DecideContext } from './decide-context.js';
import type { ProjectDecision } from './decision.js';
import type { ProjectEvent } from './events.js';
import { initialProjectState, type ProjectState } from './state.js';
import { isAllowedIn, stagesAllowing } from './stages.js';
import { decideProposeProject } from './proposal/commands.js';
import { evolveProposal } from './proposal/events.js';
import { decideReviewGoals, decideSetPerformanceGoals } from './goals/commands.js';
import { evolveGoals } from './goals/events.js';
import { decideDecideAdmission } from './admission/commands.js';
import { evolveAdmission } from './admission/events.js';
import { decideAdjustBudget, decideAllocateBudget } from './allocation/commands.js';
import { evolveAllocation } from './allocation/events.js';
import { decideRecordExpenditure } from './monitoring/spending.js';
import { decideFlagReadingOverdue, decideRecordReading } from './monitoring/readings.js';
import { decideAdjustTarget } from './monitoring/targets.js';
import { decideAssessLights } from './monitoring/assess-lights.js';
import {
  decideEscalateDeviation,
  decideExplainDeviation,
  decideFlagDeviation,
  decideResolveDeviation,
} from './monitoring/deviations.js';
import { evolveMonitoring } from './monitoring/events.js';
import { decideAssignEvaluator, decideScoreEvaluation } from './evaluation/commands.js';
import { evolveEvaluation } from './evaluation/events.js';
import { decideApplyResult, decideCutBudget, decideGrantIncentive } from './results/commands.js';
import { evolveResults } from './results/events.js';
import {
  decideOrderRectification,
  decideReportRectification,
  decideTakeAccountabilityAction,
  decideVerifyRectification,
} from './rectification/commands.js';
import { evolveRectification } from './rectification/events.js';
import { decideCloseProject } from './closure/commands.js';
import { evolveClosure } from './closure/events.js';
import { decideOpenNextCycle, decideOrderMidTermEvaluation, decideSetMediumTermGoals } from './cycles/commands.js';
import { evolveCycles } from './cycles/events.js';
import { STAGE_LABELS } from '../labels/labels.js';

type CommandOf<T extends ProjectCommand['type']> = Extract<ProjectCommand, { type: T }>;
type EventOf<T extends ProjectEvent['type']> = Extract<ProjectEvent, { type: T }>;

/** One decide function per command; the mapped type makes a missing one a compile error. */
const deciders: { [T in ProjectCommand['type']]: (c: CommandOf<T>, s: ProjectState, ctx: DecideContext) => ProjectDecision } = {
  ProposeProject: decideProposeProject,
  SetPerformanceGoals: decideSetPerformanceGoals,
  ReviewGoals: decideReviewGoals,
  DecideAdmission: decideDecideAdmission,
  AllocateBudget: decideAllocateBudget,
  AdjustBudget: decideAdjustBudget,
  RecordExpenditure: decideRecordExpenditure,
  RecordReading: decideRecordReading,
  AdjustTarget: decideAdjustTarget,
  FlagReadingOverdue: decideFlagReadingOverdue,
  AssessLights: decideAssessLights,
  FlagDeviation: decideFlagDeviation,
  ExplainDeviation: decideExplainDeviation,
  ResolveDeviation: decideResolveDeviation,
  EscalateDeviation: decideEscalateDeviation,
  AssignEvaluator: decideAssignEvaluator,
  ScoreEvaluation: decideScoreEvaluation,
  ApplyResult: decideApplyResult,
  CutBudget: decideCutBudget,
  GrantIncentive: decideGrantIncentive,
  OrderRectification: decideOrderRectification,
  ReportRectification: decideReportRectification,
  VerifyRectification: decideVerifyRectification,
  TakeAccountabilityAction: decideTakeAccountabilityAction,
  CloseProject: decideCloseProject,
  OpenNextCycle: decideOpenNextCycle,
  SetMediumTermGoals: decideSetMediumTermGoals,
  OrderMidTermEvaluation: decideOrderMidTermEvaluation,
};

/** One evolve function per event; likewise exhaustive by construction. */
const evolvers: { [T in ProjectEvent['type']]: (s: ProjectState, e: EventOf<T>) => ProjectState } = {
  ...evolveProposal,
  ...evolveGoals,
  ...evolveAdmission,
  ...evolveAllocation,
  ...evolveMonitoring,
  ...evolveEvaluation,
  ...evolveResults,
  ...evolveRectification,
  ...evolveClosure,
  ...evolveCycles,
};

const stageRefusal = (type: ProjectCommand['type'], state: ProjectState): DomainError => {
  const details = { stage: state.stage, command: type, allowedIn: stagesAllowing(type) };
  if (state.stage === 'closed') {
    return new DomainError('wrong-stage', 'stage.closed', text('The project is closed and accepts no command.', '项目已关闭，不再受理任何指令。'), details);
  }
  if (type === 'ProposeProject') {
    return new DomainError('wrong-stage', 'project.already-exists', text('The project already exists.', '项目已存在。'), details);
  }
  const stage = STAGE_LABELS[state.stage];
  return new DomainError(
    'wrong-stage',
    'stage.command-not-allowed',
    text(`${type} is not allowed while the project is ${stage.en}.`, `项目处于“${stage['zh-CN']}”阶段，不受理该指令。`),
    details,
  );
};

/** The refusal for a project that does not exist: also what a caller out of the project's scope gets, so it learns nothing. */
export const projectNotFound = new DomainError('not-found', 'project.not-found', { en: 'No such project.', 'zh-CN': '项目不存在。' });

/**
 * Decide in three steps, always in this order: does the project exist (404), does the
 * command fit the stage (409), do the stage's rules accept it (422).
 */
export const decide = (command: ProjectCommand, state: ProjectState, context: DecideContext): ProjectDecision => {
  const decideCommand = deciders[command?.type] as ((c: ProjectCommand, s: ProjectState, ctx: DecideContext) => ProjectDecision) | undefined;
  if (!decideCommand) {
    return refuse(
      new DomainError('invariant', 'command.unknown', { en: 'Unknown command.', 'zh-CN': '未知指令。' }, { type: command?.type }),
    );
  }
  if (!state.exists && command.type !== 'ProposeProject') {
    return refuse(projectNotFound);
  }
  if (!isAllowedIn(state.stage, command.type)) return refuse(stageRefusal(command.type, state));
  return decideCommand(command, state, context);
};

export const evolve = (state: ProjectState, event: ProjectEvent): ProjectState => {
  const apply = evolvers[event.type] as ((s: ProjectState, e: ProjectEvent) => ProjectState) | undefined;
  // An event this code does not know is ignored rather than crashing a replay; upcast first.
  return apply ? apply(state, event) : state;
};

/** The decider of one budget project. */
export const projectDecider = { initialState: initialProjectState, decide, evolve };

/** State after a sequence of events. */
export const replay = (events: readonly ProjectEvent[], from: ProjectState = initialProjectState): ProjectState =>
  events.reduce(evolve, from);
