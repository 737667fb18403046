import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsNumber, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';

const levels = ['output', 'benefit', 'satisfaction'] as const;
const kinds = ['quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainability', 'service-recipient'] as const;
const comparators = ['>=', '>', '=', '<', '<=', 'qualitative'] as const;

export class IndicatorDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100)
  indicatorId!: string;

  @ApiProperty({ example: '新增绿化面积' }) @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: levels, description: '产出 / 效益 / 满意度' }) @IsIn(levels)
  level!: (typeof levels)[number];

  @ApiProperty({ enum: kinds }) @IsIn(kinds)
  kind!: (typeof kinds)[number];

  @ApiProperty({ enum: comparators }) @IsIn(comparators)
  comparator!: (typeof comparators)[number];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Numeric target; null for a qualitative indicator' })
  @ValidateIf((o: IndicatorDto) => o.comparator !== 'qualitative') @IsNumber()
  target!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '公顷' })
  @ValidateIf((o: IndicatorDto) => o.comparator !== 'qualitative') @IsString() @MinLength(1) @MaxLength(40)
  unit!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Written criteria 评价标准, required for a qualitative indicator' })
  @ValidateIf((o: IndicatorDto) => o.comparator === 'qualitative' || (o.criteria !== undefined && o.criteria !== null))
  @IsString() @MinLength(1) @MaxLength(2000)
  criteria!: string | null;

  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'], description: '正向 / 反向' })
  @IsIn(['higher-is-better', 'lower-is-better'])
  direction!: 'higher-is-better' | 'lower-is-better';

  @ApiProperty({ description: 'Share of the framework; the weights sum to 100' }) @IsNumber()
  weight!: number;

  @ApiProperty({ example: '2026-12-31' }) @IsDateString()
  deadline!: string;
}

export class SetPerformanceGoalsDto {
  @ApiProperty({ description: 'Overall goal 总体目标' }) @IsString() @MinLength(1) @MaxLength(4000)
  overallGoal!: string;

  @ApiProperty({ type: [IndicatorDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];
}

export class ReviewGoalsDto {
  @ApiProperty({ enum: ['excellent', 'good', 'fair', 'poor'], description: '优 / 良 / 中 / 差' })
  @IsIn(['excellent', 'good', 'fair', 'poor'])
  grade!: 'excellent' | 'good' | 'fair' | 'poor';

  @ApiPropertyOptional({ description: 'Required for fair and poor' }) @IsOptional() @IsString() @MaxLength(4000)
  comments?: string;
}
