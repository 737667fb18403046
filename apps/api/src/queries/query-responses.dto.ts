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
  @ApiProperty({ description: 'Budget cut 预算削减, fen' }) cutFen!: number;
}

export class DepartmentDashboardDto {
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ type: [DepartmentDashboardRowDto] }) departments!: DepartmentDashboardRowDto[];
}

export class DeviationRowDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() deviationId!: string;
  @ApiProperty() department!: string;
  @ApiProperty() fiscalYear!: number;
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
  @ApiProperty() fiscalYear!: number;
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
