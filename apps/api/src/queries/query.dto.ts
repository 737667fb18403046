import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text } from '../http/validators.js';

const stages = ['proposed', 'goals-submitted', 'goals-revision', 'goals-approved', 'goals-barred', 'admitted', 'rejected', 'executing', 'evaluated', 'results', 'closed'] as const;
// Evaluation grades, 低 included for five-grade rulebooks (优/良/中/低/差).
const grades = ['excellent', 'good', 'fair', 'low', 'poor'] as const;

/** Paging shared by every list. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INPUT_MAGNITUDE)
  offset: number = 0;
}

export class ProjectListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Text({ max: 100 })
  department?: string;

  @ApiPropertyOptional({
    description:
      'One fiscal year 预算年度: every project that lived it, with that year’s stage and figures (a continuing project appears in each year). ' +
      'Absent: each project once, in its latest year; the other filters then judge that year.',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: stages }) @IsOptional() @IsIn(stages)
  stage?: (typeof stages)[number];

  @ApiPropertyOptional({ enum: grades }) @IsOptional() @IsIn(grades)
  grade?: (typeof grades)[number];

  @ApiPropertyOptional({ description: 'true: only projects with open deviations; false: only those without' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  openDeviations?: boolean;
}

/** The department filter every cross-project read shares: a department may name only itself. */
class DepartmentFilter extends PageQuery {
  @ApiPropertyOptional({ description: 'Department 预算单位; a department token sees only its own' }) @IsOptional() @Text({ max: 100 })
  department?: string;
}

export class DashboardQuery {
  @ApiProperty({ description: 'Fiscal year 预算年度', example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear!: number;

  @ApiPropertyOptional({ description: 'One department only; a department token sees only its own' }) @IsOptional() @Text({ max: 100 })
  department?: string;
}

const deviationStatuses = ['open', 'explained', 'resolved', 'cleared', 'cleared-unexplained'] as const;
const severities = ['yellow', 'red'] as const;

export class DeviationQuery extends DepartmentFilter {
  @ApiPropertyOptional({ enum: deviationStatuses }) @IsOptional() @IsIn(deviationStatuses)
  status?: (typeof deviationStatuses)[number];

  @ApiPropertyOptional({ enum: severities }) @IsOptional() @IsIn(severities)
  severity?: (typeof severities)[number];

  @ApiPropertyOptional({ description: 'The fiscal year the deviation was flagged in' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;
}

const evaluationKinds = ['self', 'department', 'finance', 'third-party'] as const;

export class EvaluationQuery extends DepartmentFilter {
  @ApiPropertyOptional({ description: 'The fiscal year evaluated (the cycle the evaluation belongs to)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ enum: grades }) @IsOptional() @IsIn(grades)
  grade?: (typeof grades)[number];

  @ApiPropertyOptional({ enum: evaluationKinds }) @IsOptional() @IsIn(evaluationKinds)
  kind?: (typeof evaluationKinds)[number];
}

export class LedgerQuery extends DepartmentFilter {
  @ApiPropertyOptional({
    description: 'Decided in 决定年度: rectifications ordered, actions taken and cuts decided in that fiscal year; exceptions of the allocations that applied its cuts',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({
    description: 'Applied in 落实年度: only cuts applied by that fiscal year’s allocations, and only that year’s exceptions; rectifications and actions are not narrowed',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  appliedInFiscalYear?: number;
}

export class IndicatorProgressQuery {
  @ApiPropertyOptional({ description: 'Fiscal year 预算年度 of the annual goals; the year in force when absent' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;
}
