import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
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
