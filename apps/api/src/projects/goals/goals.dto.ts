import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Text, BoundedNumber, IsCalendarDate } from '../../http/validators.js';

const levels = ['output', 'benefit', 'satisfaction'] as const;
const kinds = ['quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainability', 'service-recipient'] as const;
const comparators = ['>=', '>', '=', '<', '<=', 'qualitative'] as const;

export class IndicatorDto {
  @ApiProperty() @Text({ min: 1, max: 100 })
  indicatorId!: string;

  @ApiProperty({ example: '新增绿化面积' }) @Text({ min: 1, max: 200 })
  name!: string;

  @ApiProperty({ enum: levels, description: '产出 / 效益 / 满意度' }) @IsIn(levels)
  level!: (typeof levels)[number];

  @ApiProperty({ enum: kinds }) @IsIn(kinds)
  kind!: (typeof kinds)[number];

  @ApiProperty({ enum: comparators }) @IsIn(comparators)
  comparator!: (typeof comparators)[number];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Numeric target; null for a qualitative indicator' })
  @ValidateIf((o: IndicatorDto) => o.comparator !== 'qualitative' || (o.target !== null && o.target !== undefined)) @BoundedNumber()
  target!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '公顷' })
  @ValidateIf((o: IndicatorDto) => o.comparator !== 'qualitative' || (o.unit !== null && o.unit !== undefined)) @Text({ min: 1, max: 40 })
  unit!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Written criteria 评价标准, required for a qualitative indicator' })
  @ValidateIf((o: IndicatorDto) => o.comparator === 'qualitative' || (o.criteria !== undefined && o.criteria !== null))
  @Text({ min: 1, max: 2000, multiline: true })
  criteria!: string | null;

  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'], description: '正向 / 反向' })
  @IsIn(['higher-is-better', 'lower-is-better'])
  direction!: 'higher-is-better' | 'lower-is-better';

  @ApiProperty({ description: 'Share of the framework; the weights sum to 100' }) @BoundedNumber()
  weight!: number;

  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate()
  deadline!: string;
}

export class SetPerformanceGoalsDto {
  @ApiProperty({ description: 'Overall goal 总体目标' }) @Text({ min: 1, max: 4000, multiline: true })
  overallGoal!: string;

  @ApiProperty({ type: [IndicatorDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];
}

export class ReviewGoalsDto {
  @ApiProperty({ enum: ['excellent', 'good', 'fair', 'poor'], description: '优 / 良 / 中 / 差' })
  @IsIn(['excellent', 'good', 'fair', 'poor'])
  grade!: 'excellent' | 'good' | 'fair' | 'poor';

  @ApiPropertyOptional({ description: 'Required for fair and poor' }) @IsOptional() @Text({ max: 4000, multiline: true })
  comments?: string;
}

/**
 * Medium-term goals 中期目标 for the implementation period 实施期 (财预〔2020〕10号), set at
 * project level; each year's annual goals serve them. The period is whole fiscal years that
 * include the project's current year, at most 30 of them (else 422 medium-term.period-invalid).
 */
export class SetMediumTermGoalsDto {
  @ApiProperty({ example: 2026, description: 'First fiscal year of the period, inclusive' }) @IsInt() @Min(2000) @Max(2100)
  startYear!: number;

  @ApiProperty({ example: 2030, description: 'Last fiscal year of the period, inclusive; five years or more bring a mid-term evaluation 中期评价' })
  @IsInt() @Min(2000) @Max(2100)
  endYear!: number;

  @ApiProperty({ description: 'Overall medium-term goal 中期总体目标' }) @Text({ min: 1, max: 4000, multiline: true })
  overallGoal!: string;

  @ApiProperty({ type: [String], example: ['覆盖 120 个行政村'], description: 'Medium-term indicators in words' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @Text({ min: 1, max: 500 }, { each: true })
  indicators!: string[];
}
