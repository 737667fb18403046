import { ApiProperty } from '@nestjs/swagger';

/*
 * The shapes the query routes answer, for the OpenAPI document only: the web console's
 * typed client is generated from them (apps/web/src/api/schema.d.ts). The answers
 * themselves come from libs/projections; test/web/openapi-types.e2e.spec.ts keeps the
 * committed types equal to the live document. Money is integer fen; rates are 0–1.
 */

const nullableNumber = { type: Number, nullable: true } as const;
const nullableString = { type: String, nullable: true } as const;

class GradeCountsDto {
  @ApiProperty() excellent!: number;
  @ApiProperty() good!: number;
  @ApiProperty() fair!: number;
  @ApiProperty({ description: '低, five-grade rulebooks only (0 otherwise)' }) low!: number;
  @ApiProperty() poor!: number;
}

class LightCountsDto {
  @ApiProperty({ description: 'Open yellow deviations 黄灯' }) yellow!: number;
  @ApiProperty({ description: 'Open red deviations 红灯' }) red!: number;
}

class IndicatorCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() withReading!: number;
  @ApiProperty() metOrOnTrack!: number;
}

export class DepartmentDashboardRowDto {
  @ApiProperty() department!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty() projects!: number;
  @ApiProperty({ description: 'fen' }) requestedFen!: number;
  @ApiProperty({ description: 'fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'The budget in force (allocations plus adjustments 预算调整), fen' }) adjustedBudgetFen!: number;
  @ApiProperty({ description: 'Executed 已支出, fen' }) spentFen!: number;
  @ApiProperty({ ...nullableNumber, description: 'spent ÷ budget in force, 0–1; null before any allocation' }) executionRate!: number | null;
  @ApiProperty({ ...nullableNumber, description: 'indicators met or on track ÷ indicators with a reading, 0–1' }) goalCompletionRate!: number | null;
  @ApiProperty({ type: IndicatorCountsDto }) indicators!: IndicatorCountsDto;
  @ApiProperty({ type: LightCountsDto }) openDeviations!: LightCountsDto;
  @ApiProperty({ type: GradeCountsDto }) grades!: GradeCountsDto;
  @ApiProperty({ description: 'Budget cuts 预算削减 decided in the year, fen' }) cutFen!: number;
}

export class DepartmentDashboardDto {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ type: [DepartmentDashboardRowDto] }) departments!: DepartmentDashboardRowDto[];
}

export class DeviationRowDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() deviationId!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'The fiscal year the deviation was flagged in' }) fiscalYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['indicator', 'budget'] }) subject!: 'indicator' | 'budget';
  @ApiProperty(nullableString) indicatorId!: string | null;
  @ApiProperty(nullableString) period!: string | null;
  @ApiProperty({ enum: ['yellow', 'red'] }) severity!: 'yellow' | 'red';
  @ApiProperty(nullableNumber) expected!: number | null;
  @ApiProperty(nullableNumber) actual!: number | null;
  @ApiProperty() gap!: number;
  @ApiProperty({ description: 'ISO-8601 UTC' }) flaggedAt!: string;
  @ApiProperty({ description: 'Whole days since flagged' }) ageDays!: number;
  @ApiProperty({ ...nullableNumber, description: 'Whole days from flagged to resolved; null while unresolved' }) daysOpen!: number | null;
  @ApiProperty({ enum: ['open', 'explained', 'resolved'] }) status!: 'open' | 'explained' | 'resolved';
  @ApiProperty() escalated!: boolean;
  @ApiProperty(nullableString) cause!: string | null;
  @ApiProperty(nullableString) measures!: string | null;
  @ApiProperty(nullableString) likelihood!: string | null;
  @ApiProperty(nullableString) resolution!: string | null;
  @ApiProperty(nullableString) resolvedAt!: string | null;
}

export class DeviationPageDto {
  @ApiProperty({ type: [DeviationRowDto] }) items!: DeviationRowDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ProjectListRowDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'The fiscal year of this row: a continuing project has one per year it lived' }) fiscalYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty() category!: string;
  @ApiProperty() stage!: string;
  @ApiProperty({ description: 'fen' }) requestedFen!: number;
  @ApiProperty({ description: 'fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'fen' }) adjustedBudgetFen!: number;
  @ApiProperty({ description: 'fen' }) spentFen!: number;
  @ApiProperty(nullableString) grade!: string | null;
  @ApiProperty(nullableNumber) totalScore!: number | null;
  @ApiProperty() openDeviations!: number;
  @ApiProperty({ description: 'fen' }) cutFen!: number;
  @ApiProperty() revision!: number;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectListRowDto] }) items!: ProjectListRowDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

/* GET /api/v1/dashboards/results-to-allocations: year N's results beside year N+1's allocations. */

class ResultDecisionCountsDto {
  @ApiProperty({ description: '优先保障' }) prioritise!: number;
  @ApiProperty({ description: '维持' }) maintain!: number;
  @ApiProperty({ description: '暂停 (不予安排)' }) suspend!: number;
  @ApiProperty({ description: '取消' }) cancel!: number;
  @ApiProperty({ description: '核减后继续安排' }) reduce!: number;
  @ApiProperty({ description: '调整用途' }) 'adjust-use'!: number;
}

class YearResultsDto {
  @ApiProperty({ description: 'Year N' }) fiscalYear!: number;
  @ApiProperty({ description: 'Projects that lived year N, new and continuing' }) projects!: number;
  @ApiProperty({ description: 'Projects with an evaluation of year N that drives results' }) evaluated!: number;
  @ApiProperty({ type: GradeCountsDto, description: 'Those projects by the grade of their latest such evaluation' }) grades!: GradeCountsDto;
  @ApiProperty({ type: ResultDecisionCountsDto, description: 'Projects by the result decision 结果应用 applied in year N (each once, its latest)' })
  decisions!: ResultDecisionCountsDto;
  @ApiProperty({ description: 'Budget cuts 预算削减 decided in year N' }) cutsDecided!: number;
  @ApiProperty({ description: 'Their recorded amounts, fen' }) cutsDecidedFen!: number;
}

class CapExceptionCountsDto {
  @ApiProperty({ description: 'Allocations above the cut cap, each with a stated reason' }) count!: number;
  @ApiProperty({ description: 'Σ (allocated − cap) over them, fen' }) aboveCapFen!: number;
}

class NextYearAllocationsDto {
  @ApiProperty({ description: 'Year N+1' }) fiscalYear!: number;
  @ApiProperty({ description: 'Every allocation 预算批复 of the department in year N+1, new projects included, fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'Continuing projects 延续性项目 opened from year N into year N+1' }) continuing!: number;
  @ApiProperty({ description: 'Of them, allocated in year N+1 (each allocation applied year N’s cuts)' }) continuingAllocated!: number;
  @ApiProperty({ description: 'Their allocations, fen' }) continuingAllocatedFen!: number;
  @ApiProperty({ description: 'Σ their cut caps 削减后上限 (year N budget in force − year N cuts), fen' }) capFen!: number;
  @ApiProperty({ description: 'Year N cuts those allocations applied, fen' }) cutsAppliedFen!: number;
  @ApiProperty({ description: 'Year N cuts not yet applied by a year N+1 allocation (cutsDecidedFen − cutsAppliedFen), fen' }) cutsNotYetAppliedFen!: number;
  @ApiProperty({ type: CapExceptionCountsDto }) exceptions!: CapExceptionCountsDto;
}

export class ResultsToAllocationsRowDto {
  @ApiProperty() department!: string;
  @ApiProperty({ type: YearResultsDto }) results!: YearResultsDto;
  @ApiProperty({ type: NextYearAllocationsDto }) allocations!: NextYearAllocationsDto;
}

export class ResultsToAllocationsDto {
  @ApiProperty({ description: 'Year N (the results)' }) fiscalYear!: number;
  @ApiProperty({ description: 'Year N+1 (the allocations)' }) nextFiscalYear!: number;
  @ApiProperty({ type: [ResultsToAllocationsRowDto] }) departments!: ResultsToAllocationsRowDto[];
}

/* GET /api/v1/accountability: the accountability ledger. */

class RectificationCountsDto {
  @ApiProperty() ordered!: number;
  @ApiProperty({ description: 'Deadline ahead, not verified' }) due!: number;
  @ApiProperty({ description: 'Deadline passed, not verified (as of asOf)' }) overdue!: number;
  @ApiProperty() verified!: number;
}

class LedgerRectificationDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() rectificationId!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'The fiscal year the rectification was ordered in' }) fiscalYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty(nullableString) evaluationId!: string | null;
  @ApiProperty() issues!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) orderedAt!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) deadline!: string;
  @ApiProperty({ enum: ['ordered', 'reported', 'verified'] }) status!: 'ordered' | 'reported' | 'verified';
  @ApiProperty({ enum: ['due', 'overdue', 'verified'] }) standing!: 'due' | 'overdue' | 'verified';
  @ApiProperty(nullableString) reportedAt!: string | null;
  @ApiProperty(nullableString) verifiedAt!: string | null;
  @ApiProperty() failedVerifications!: number;
}

class LedgerRectificationsDto {
  @ApiProperty({ type: RectificationCountsDto }) counts!: RectificationCountsDto;
  @ApiProperty({ type: [LedgerRectificationDto] }) items!: LedgerRectificationDto[];
}

class CauseEvaluationDto {
  @ApiProperty() kind!: string;
  @ApiProperty() totalScore!: number;
  @ApiProperty() grade!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) scoredAt!: string;
}

class CauseRectificationDto {
  @ApiProperty() issues!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) deadline!: string;
  @ApiProperty() status!: string;
}

class LedgerCauseDto {
  @ApiProperty({ enum: ['evaluation', 'rectification'] }) kind!: 'evaluation' | 'rectification';
  @ApiProperty({ description: 'The evaluation or rectification id' }) id!: string;
  @ApiProperty({ type: CauseEvaluationDto, nullable: true, required: false, description: 'When the cause is an evaluation' }) evaluation?: CauseEvaluationDto | null;
  @ApiProperty({ type: CauseRectificationDto, nullable: true, required: false, description: 'When the cause is a rectification' }) rectification?: CauseRectificationDto | null;
}

class LedgerActionDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() actionId!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'The fiscal year the action was taken in' }) fiscalYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: LedgerCauseDto }) cause!: LedgerCauseDto;
  @ApiProperty() target!: string;
  @ApiProperty() measure!: string;
  @ApiProperty({ description: 'ISO-8601 UTC' }) takenAt!: string;
}

class LedgerActionsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LedgerActionDto] }) items!: LedgerActionDto[];
}

class RulebookRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
}

class CapExceptionDto {
  @ApiProperty({ description: 'The reason stated for allocating above the cap 超限理由' }) reason!: string;
  @ApiProperty({ description: 'allocated − cap, fen' }) aboveCapFen!: number;
}

class LedgerApplicationDto {
  @ApiProperty({ description: 'The fiscal year applied in (the year after the cut was decided)' }) fiscalYear!: number;
  @ApiProperty({ description: 'That year’s allocation 预算批复, fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'The cut cap 削减后上限: the year before’s budget in force less its cuts, fen' }) capFen!: number;
  @ApiProperty({ ...nullableString, description: 'Approval document number 批复文号' }) documentNo!: string | null;
  @ApiProperty({ description: 'ISO-8601 UTC' }) appliedAt!: string;
  @ApiProperty({ type: CapExceptionDto, nullable: true, description: 'Set when the allocation exceeded the cap' }) exception!: CapExceptionDto | null;
}

class LedgerCutDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() cutId!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ description: 'The fiscal year the cut was decided in' }) fiscalYear!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: LedgerCauseDto, description: 'The evaluation or rectification behind the cut' }) cause!: LedgerCauseDto;
  @ApiProperty(nullableString) grade!: string | null;
  @ApiProperty({ type: RulebookRefDto, nullable: true, description: 'The rule: the rulebook (id, version) the cut was decided under' }) rulebook!: RulebookRefDto | null;
  @ApiProperty({ description: 'fen' }) baseFen!: number;
  @ApiProperty({ description: '0–1' }) proportion!: number;
  @ApiProperty({ description: 'The amount recorded, fen' }) amountFen!: number;
  @ApiProperty({ description: 'ISO-8601 UTC' }) cutAt!: string;
  @ApiProperty({ type: LedgerApplicationDto, nullable: true, description: 'The allocation that applied the cut; null while not yet applied' }) applied!: LedgerApplicationDto | null;
}

class LedgerCutsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Σ amountFen of the cuts in scope (every page), fen' }) totalFen!: number;
  @ApiProperty({ description: 'Of it, applied by an allocation, fen' }) appliedFen!: number;
  @ApiProperty({ description: 'Of it, not yet applied, fen' }) notYetAppliedFen!: number;
  @ApiProperty({ type: [LedgerCutDto] }) items!: LedgerCutDto[];
}

class LedgerExceptionDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() department!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The fiscal year of the allocation' }) fiscalYear!: number;
  @ApiProperty({ description: 'The year whose cuts it applied' }) fromFiscalYear!: number;
  @ApiProperty({ description: 'fen' }) capFen!: number;
  @ApiProperty({ description: 'fen' }) allocatedFen!: number;
  @ApiProperty({ description: 'allocated − cap, fen' }) aboveCapFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) cutIds!: string[];
  @ApiProperty({ description: 'fen' }) cutTotalFen!: number;
  @ApiProperty(nullableString) documentNo!: string | null;
  @ApiProperty({ description: 'ISO-8601 UTC' }) appliedAt!: string;
}

class LedgerExceptionsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Σ allocated − cap over them, fen' }) aboveCapFen!: number;
  @ApiProperty({ type: [LedgerExceptionDto] }) items!: LedgerExceptionDto[];
}

export class AccountabilityLedgerDto {
  @ApiProperty({ description: 'The clock the standings are judged at, ISO-8601 UTC' }) asOf!: string;
  @ApiProperty({ type: LedgerRectificationsDto }) rectifications!: LedgerRectificationsDto;
  @ApiProperty({ type: LedgerActionsDto }) actions!: LedgerActionsDto;
  @ApiProperty({ type: LedgerCutsDto }) cuts!: LedgerCutsDto;
  @ApiProperty({ type: LedgerExceptionsDto, description: 'Allocations above the cut cap 削减后上限, with the reason stated' }) exceptions!: LedgerExceptionsDto;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
