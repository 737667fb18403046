import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEVIATION_CAUSES, GRADES, LIKELIHOODS, STAGES } from '@jixiao/domain';
import { IndicatorDto } from './goals/goals.dto.js';

/*
 * The shape of a project's state (GET /projects/:id, and the audit route's state as of),
 * for the OpenAPI document only: the answer is the domain's ProjectState as folded, with
 * its revision. A project keeps its current fiscal year in the top-level fields and the
 * years before in `previousCycles`, one CycleDto each. Money is integer fen; times ISO-8601 UTC.
 */

const decisions = ['prioritise', 'maintain', 'reduce', 'adjust-use', 'suspend', 'cancel'];
const nullableNumber = { type: Number, nullable: true } as const;
const nullableString = { type: String, nullable: true } as const;

class RulebookRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
}

class ProjectIndicatorDto extends IndicatorDto {
  @ApiProperty({ ...nullableNumber, description: 'Target as admitted at the start of the year 年初目标' }) startOfYearTarget!: number | null;
  @ApiProperty({ ...nullableNumber, description: 'Target after a mid-year adjustment 调整后目标' }) adjustedTarget!: number | null;
}

class SpendingDto {
  @ApiProperty({ description: 'YYYY-MM-DD' }) spentOn!: string;
  @ApiProperty({ description: 'fen' }) amountFen!: number;
}

class ReadingDto {
  @ApiProperty() readingId!: string;
  @ApiProperty() indicatorId!: string;
  @ApiProperty({ example: '2026-06' }) period!: string;
  @ApiProperty(nullableNumber) value!: number | null;
  @ApiProperty(nullableString) unit!: string | null;
  @ApiProperty({ enum: LIKELIHOODS, nullable: true }) likelihood!: string | null;
  @ApiPropertyOptional({ enum: ['achieved', 'partly-achieved', 'not-achieved'], description: 'Observed completion of a qualitative indicator' }) completion?: string;
}

class SubjectDto {
  @ApiProperty({ enum: ['indicator', 'budget'] }) kind!: 'indicator' | 'budget';
  @ApiPropertyOptional({ description: 'An indicator subject only' }) indicatorId?: string;
  @ApiPropertyOptional({ description: 'A deviation of an indicator only: the reading that showed it' }) readingId?: string;
  @ApiPropertyOptional({ description: 'A deviation of an indicator only' }) period?: string;
}

class DeviationExplanationDto {
  @ApiProperty({ enum: DEVIATION_CAUSES }) cause!: string;
  @ApiProperty(nullableString) causeDetail!: string | null;
  @ApiProperty() measures!: string;
  @ApiProperty({ enum: LIKELIHOODS }) likelihood!: string;
}

class DeviationDto {
  @ApiProperty() deviationId!: string;
  @ApiProperty({ type: SubjectDto }) subject!: SubjectDto;
  @ApiProperty({ enum: ['yellow', 'red'] }) level!: string;
  @ApiProperty(nullableNumber) expected!: number | null;
  @ApiProperty({ description: 'Share of the expected value missed, 0–1' }) gap!: number;
  @ApiProperty() flaggedAt!: string;
  @ApiProperty({ enum: ['open', 'explained', 'resolved', 'cleared'] }) status!: string;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ type: DeviationExplanationDto, nullable: true }) explanation!: DeviationExplanationDto | null;
}

class SubjectLightDto {
  @ApiProperty({ type: SubjectDto }) subject!: SubjectDto;
  @ApiProperty({ enum: ['green', 'yellow', 'red', 'blue'] }) light!: string;
  @ApiProperty({ description: 'The business date the light was judged as of' }) asOf!: string;
}

class IndicatorScoreDto {
  @ApiProperty() indicatorId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() maxPoints!: number;
}

class EvaluationDto {
  @ApiProperty() evaluationId!: string;
  @ApiProperty({ enum: ['self', 'department', 'finance', 'third-party'] }) kind!: string;
  @ApiProperty() evaluatorId!: string;
  @ApiProperty({ enum: ['cost-benefit', 'comparison', 'factor-analysis', 'lowest-cost', 'public-assessment'], nullable: true }) method!: string | null;
  @ApiProperty({ type: [IndicatorScoreDto] }) indicatorScores!: IndicatorScoreDto[];
  @ApiProperty({ description: 'Budget execution rate, 0–1' }) executionRate!: number;
  @ApiProperty() totalScore!: number;
  @ApiProperty({ enum: GRADES, description: '优 / 良 / 中 / 低 / 差' }) grade!: string;
  @ApiProperty({ description: 'A self-evaluation 自评 informs but never drives result application' }) drivesResults!: boolean;
  @ApiProperty({ type: RulebookRefDto }) rulebook!: RulebookRefDto;
}

class ResultDto {
  @ApiProperty({ enum: decisions }) decision!: string;
  @ApiProperty() evaluationId!: string;
}

class CauseDto {
  @ApiProperty({ enum: ['evaluation', 'rectification'] }) kind!: 'evaluation' | 'rectification';
  @ApiPropertyOptional() evaluationId?: string;
  @ApiPropertyOptional() rectificationId?: string;
}

class CutDto {
  @ApiProperty() cutId!: string;
  @ApiProperty({ type: CauseDto }) cause!: CauseDto;
  @ApiProperty({ description: 'Share of the budget in force cut, 0–1' }) proportion!: number;
  @ApiProperty({ description: 'fen, as recorded by BudgetCut' }) amountFen!: number;
  @ApiProperty({ type: RulebookRefDto }) rulebook!: RulebookRefDto;
}

class RectificationDto {
  @ApiProperty() rectificationId!: string;
  @ApiProperty(nullableString) evaluationId!: string | null;
  @ApiProperty() issues!: string;
  @ApiProperty() orderedAt!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty({ enum: ['ordered', 'reported', 'verified'] }) status!: string;
}

class CarriedCutDto {
  @ApiProperty() cutId!: string;
  @ApiProperty({ description: 'fen, as BudgetCut recorded it' }) amountFen!: number;
}

/** What year N handed year N+1 when the next cycle opened (CycleOpened.carriedOver). */
export class CarriedOverDto {
  @ApiProperty() fromFiscalYear!: number;
  @ApiProperty({ enum: decisions, nullable: true, description: "Year N's result decision 结果应用" }) resultDecision!: string | null;
  @ApiProperty(nullableString) resultEvaluationId!: string | null;
  @ApiProperty({ description: "Year N's budget in force 调整后预算, fen" }) adjustedBudgetFen!: number;
  @ApiProperty({ type: [CarriedCutDto], description: 'Every cut decided in year N' }) cuts!: CarriedCutDto[];
  @ApiProperty({ description: 'fen' }) cutTotalFen!: number;
  @ApiProperty({ description: 'The cut cap 削减后上限 for year N+1: adjustedBudgetFen − cutTotalFen, never below 0, fen' }) capFen!: number;
  @ApiProperty({ type: [String], description: 'Rectifications still open when year N+1 opened' }) openRectificationIds!: string[];
}

/** How a year's allocation applied the year before's cuts (PriorCutsApplied). */
export class CutsAppliedDto {
  @ApiProperty({ description: 'fen' }) capFen!: number;
  @ApiProperty({ description: 'fen' }) allocatedFen!: number;
  @ApiProperty({ type: [String] }) cutIds!: string[];
  @ApiProperty({ description: 'fen' }) cutTotalFen!: number;
  @ApiProperty({ ...nullableString, description: 'The reason for allocating above the cap 超限理由 (an exception); null within the cap' }) exceptionReason!: string | null;
}

class MediumTermGoalsDto {
  @ApiProperty({ description: 'First fiscal year of the implementation period 实施期, inclusive' }) startYear!: number;
  @ApiProperty({ description: 'Last fiscal year, inclusive' }) endYear!: number;
  @ApiProperty() overallGoal!: string;
  @ApiProperty({ type: [String] }) indicators!: string[];
}

class MidTermEvaluationDto {
  @ApiProperty({ description: 'The mid-life instant the order was due at' }) midLifeAt!: string;
  @ApiProperty() orderedAt!: string;
  @ApiProperty() fiscalYear!: number;
}

/** One fiscal year 预算年度 of a project: annual goals, budget, monitoring, evaluations, result, cuts and rectifications. */
export class CycleDto {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ description: 'fen' }) requestedFen!: number;
  @ApiProperty({ description: 'Submissions of the goals (1 on the first)' }) goalsRevision!: number;
  @ApiProperty({ enum: ['excellent', 'good', 'fair', 'poor'], nullable: true }) goalsReviewGrade!: string | null;
  @ApiProperty({ type: [ProjectIndicatorDto] }) indicators!: ProjectIndicatorDto[];
  @ApiProperty(nullableNumber) admissionScore!: number | null;
  @ApiProperty({ description: 'fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'The budget in force 调整后预算, fen' }) adjustedBudgetFen!: number;
  @ApiProperty({ description: 'fen' }) spentFen!: number;
  @ApiProperty() budgetAdjustments!: number;
  @ApiProperty({ type: [String] }) expenditureIds!: string[];
  @ApiProperty({ type: [SpendingDto] }) spending!: SpendingDto[];
  @ApiProperty({ type: [ReadingDto] }) readings!: ReadingDto[];
  @ApiProperty({ type: [String], description: 'Periods missing a reading, as "indicatorId@period"' }) overdueReadings!: string[];
  @ApiProperty({ type: [DeviationDto] }) deviations!: DeviationDto[];
  @ApiProperty({ type: [SubjectLightDto] }) lights!: SubjectLightDto[];
  @ApiProperty({ type: [String] }) evaluators!: string[];
  @ApiProperty({ type: [EvaluationDto] }) evaluations!: EvaluationDto[];
  @ApiProperty({ type: ResultDto, nullable: true }) result!: ResultDto | null;
  @ApiProperty({ type: [CutDto] }) cuts!: CutDto[];
  @ApiProperty({ type: [String] }) incentiveIds!: string[];
  @ApiProperty({ type: [RectificationDto] }) rectifications!: RectificationDto[];
  @ApiProperty({ type: CarriedOverDto, nullable: true, description: 'What the year before left this one; null in a first year' }) carriedOver!: CarriedOverDto | null;
  @ApiProperty({ type: CutsAppliedDto, nullable: true, description: "How this year's allocation applied the year before's cuts; null until allocated, and in a first year" })
  cutsApplied!: CutsAppliedDto | null;
}

/** A project's state: the current fiscal year's fields, the years before, and what belongs to its whole life. */
export class ProjectStateDto extends CycleDto {
  @ApiProperty() exists!: boolean;
  @ApiProperty() projectId!: string;
  @ApiProperty() department!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['personnel', 'operating', 'specific-purpose'], nullable: true }) category!: string | null;
  @ApiProperty({ type: [String] }) accountabilityActionIds!: string[];
  @ApiProperty() closed!: boolean;
  @ApiProperty({ type: [CycleDto], description: 'Fiscal years before the current one, oldest first' }) previousCycles!: CycleDto[];
  @ApiProperty({ type: MediumTermGoalsDto, nullable: true, description: 'Medium-term goals 中期目标, project level; null until set' })
  mediumTermGoals!: MediumTermGoalsDto | null;
  @ApiProperty({ type: MidTermEvaluationDto, nullable: true, description: 'The mid-term evaluation 中期评价 order, once the workflow gave it' })
  midTermEvaluation!: MidTermEvaluationDto | null;
}

/** GET /projects/:id: the state with its stream revision (also the ETag). */
export class ProjectViewDto extends ProjectStateDto {
  @ApiProperty({ description: 'Stream revision of the last event folded' }) revision!: number;
}
