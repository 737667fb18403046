import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ProjectCommand } from '@jixiao/domain';
import type { CommandContext } from './command-context.js';
import { ProjectCommandExecutor, type CommandOutcome } from './project-command.executor.js';

type Of<T extends ProjectCommand['type']> = Extract<ProjectCommand, { type: T }>;

/** A lifecycle command on the CommandBus: the domain command, its project and its context. */
export abstract class ProjectCommandMessage<T extends ProjectCommand['type'] = ProjectCommand['type']> {
  constructor(
    readonly projectId: string,
    readonly command: Of<T>,
    readonly context: CommandContext,
  ) {}
}

export type AnyProjectCommandMessage = { readonly projectId: string; readonly command: ProjectCommand; readonly context: CommandContext };

/** Every handler is the same three steps (load, decide, append); the executor holds them once. */
@Injectable()
export abstract class ProjectCommandHandler<M extends AnyProjectCommandMessage> {
  constructor(private readonly executor: ProjectCommandExecutor) {}

  execute(message: M): Promise<CommandOutcome> {
    return this.executor.execute(message.projectId, message.command, message.context);
  }
}

export class ProposeProjectCommand extends ProjectCommandMessage<'ProposeProject'> {}
export class SetPerformanceGoalsCommand extends ProjectCommandMessage<'SetPerformanceGoals'> {}
export class ReviewGoalsCommand extends ProjectCommandMessage<'ReviewGoals'> {}
export class AdjustTargetCommand extends ProjectCommandMessage<'AdjustTarget'> {}
export class DecideAdmissionCommand extends ProjectCommandMessage<'DecideAdmission'> {}
export class AllocateBudgetCommand extends ProjectCommandMessage<'AllocateBudget'> {}
export class AdjustBudgetCommand extends ProjectCommandMessage<'AdjustBudget'> {}
export class RecordExpenditureCommand extends ProjectCommandMessage<'RecordExpenditure'> {}
export class RecordReadingCommand extends ProjectCommandMessage<'RecordReading'> {}
export class ExplainDeviationCommand extends ProjectCommandMessage<'ExplainDeviation'> {}
export class AssignEvaluatorCommand extends ProjectCommandMessage<'AssignEvaluator'> {}
export class ScoreEvaluationCommand extends ProjectCommandMessage<'ScoreEvaluation'> {}
export class CutBudgetCommand extends ProjectCommandMessage<'CutBudget'> {}
export class OrderRectificationCommand extends ProjectCommandMessage<'OrderRectification'> {}
export class ReportRectificationCommand extends ProjectCommandMessage<'ReportRectification'> {}
export class VerifyRectificationCommand extends ProjectCommandMessage<'VerifyRectification'> {}
export class CloseProjectCommand extends ProjectCommandMessage<'CloseProject'> {}
// Issued by the workflow's process managers (libs/workflow) rather than by a route.
export class FlagDeviationCommand extends ProjectCommandMessage<'FlagDeviation'> {}
export class ResolveDeviationCommand extends ProjectCommandMessage<'ResolveDeviation'> {}
export class EscalateDeviationCommand extends ProjectCommandMessage<'EscalateDeviation'> {}
export class FlagReadingOverdueCommand extends ProjectCommandMessage<'FlagReadingOverdue'> {}
export class AssessLightsCommand extends ProjectCommandMessage<'AssessLights'> {}
export class ApplyResultCommand extends ProjectCommandMessage<'ApplyResult'> {}
export class GrantIncentiveCommand extends ProjectCommandMessage<'GrantIncentive'> {}
export class TakeAccountabilityActionCommand extends ProjectCommandMessage<'TakeAccountabilityAction'> {}

@CommandHandler(ProposeProjectCommand) export class ProposeProjectHandler extends ProjectCommandHandler<ProposeProjectCommand> {}
@CommandHandler(SetPerformanceGoalsCommand) export class SetPerformanceGoalsHandler extends ProjectCommandHandler<SetPerformanceGoalsCommand> {}
@CommandHandler(ReviewGoalsCommand) export class ReviewGoalsHandler extends ProjectCommandHandler<ReviewGoalsCommand> {}
@CommandHandler(AdjustTargetCommand) export class AdjustTargetHandler extends ProjectCommandHandler<AdjustTargetCommand> {}
@CommandHandler(DecideAdmissionCommand) export class DecideAdmissionHandler extends ProjectCommandHandler<DecideAdmissionCommand> {}
@CommandHandler(AllocateBudgetCommand) export class AllocateBudgetHandler extends ProjectCommandHandler<AllocateBudgetCommand> {}
@CommandHandler(AdjustBudgetCommand) export class AdjustBudgetHandler extends ProjectCommandHandler<AdjustBudgetCommand> {}
@CommandHandler(RecordExpenditureCommand) export class RecordExpenditureHandler extends ProjectCommandHandler<RecordExpenditureCommand> {}
@CommandHandler(RecordReadingCommand) export class RecordReadingHandler extends ProjectCommandHandler<RecordReadingCommand> {}
@CommandHandler(ExplainDeviationCommand) export class ExplainDeviationHandler extends ProjectCommandHandler<ExplainDeviationCommand> {}
@CommandHandler(AssignEvaluatorCommand) export class AssignEvaluatorHandler extends ProjectCommandHandler<AssignEvaluatorCommand> {}
@CommandHandler(ScoreEvaluationCommand) export class ScoreEvaluationHandler extends ProjectCommandHandler<ScoreEvaluationCommand> {}
@CommandHandler(CutBudgetCommand) export class CutBudgetHandler extends ProjectCommandHandler<CutBudgetCommand> {}
@CommandHandler(OrderRectificationCommand) export class OrderRectificationHandler extends ProjectCommandHandler<OrderRectificationCommand> {}
@CommandHandler(ReportRectificationCommand) export class ReportRectificationHandler extends ProjectCommandHandler<ReportRectificationCommand> {}
@CommandHandler(VerifyRectificationCommand) export class VerifyRectificationHandler extends ProjectCommandHandler<VerifyRectificationCommand> {}
@CommandHandler(CloseProjectCommand) export class CloseProjectHandler extends ProjectCommandHandler<CloseProjectCommand> {}
@CommandHandler(FlagDeviationCommand) export class FlagDeviationHandler extends ProjectCommandHandler<FlagDeviationCommand> {}
@CommandHandler(ResolveDeviationCommand) export class ResolveDeviationHandler extends ProjectCommandHandler<ResolveDeviationCommand> {}
@CommandHandler(EscalateDeviationCommand) export class EscalateDeviationHandler extends ProjectCommandHandler<EscalateDeviationCommand> {}
@CommandHandler(FlagReadingOverdueCommand) export class FlagReadingOverdueHandler extends ProjectCommandHandler<FlagReadingOverdueCommand> {}
@CommandHandler(AssessLightsCommand) export class AssessLightsHandler extends ProjectCommandHandler<AssessLightsCommand> {}
@CommandHandler(ApplyResultCommand) export class ApplyResultHandler extends ProjectCommandHandler<ApplyResultCommand> {}
@CommandHandler(GrantIncentiveCommand) export class GrantIncentiveHandler extends ProjectCommandHandler<GrantIncentiveCommand> {}
@CommandHandler(TakeAccountabilityActionCommand) export class TakeAccountabilityActionHandler extends ProjectCommandHandler<TakeAccountabilityActionCommand> {}

export const projectCommandHandlers = [
  ProposeProjectHandler, SetPerformanceGoalsHandler, ReviewGoalsHandler, AdjustTargetHandler,
  DecideAdmissionHandler, AllocateBudgetHandler, AdjustBudgetHandler, RecordExpenditureHandler,
  RecordReadingHandler, ExplainDeviationHandler, AssignEvaluatorHandler, ScoreEvaluationHandler,
  CutBudgetHandler, OrderRectificationHandler, ReportRectificationHandler, VerifyRectificationHandler,
  CloseProjectHandler,
  FlagDeviationHandler, ResolveDeviationHandler, EscalateDeviationHandler, FlagReadingOverdueHandler, AssessLightsHandler,
  ApplyResultHandler, GrantIncentiveHandler, TakeAccountabilityActionHandler,
];
