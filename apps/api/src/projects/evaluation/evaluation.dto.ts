import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Text, BoundedNumber, Hundredths } from '../../http/validators.js';
import { idPattern } from '../id-patterns.js';

export class AssignEvaluatorDto {
  @ApiProperty({ description: "The evaluator's principal id (the subject of its token)" }) @Matches(idPattern)
  evaluatorId!: string;

  @ApiProperty({ enum: ['department', 'finance', 'third-party'] }) @IsIn(['department', 'finance', 'third-party'])
  evaluatorKind!: 'department' | 'finance' | 'third-party';
}

/**
 * One indicator's row. For finance, department and third-party evaluations: `points`,
 * required. For a self-evaluation (the computed sheet 绩效自评表) everything is optional:
 * `actual` (a year-end actual replacing the latest reading), `tier` and `points` for a
 * qualitative indicator, `points` with `overrideReason` to override a computed point, and
 * `shortfallReason` (偏差原因分析及改进措施) for a row short of its target.
 */
export class IndicatorPointsDto {
  @ApiProperty() @Text({ min: 1, max: 100 })
  indicatorId!: string;

  @ApiPropertyOptional({ description: 'Points 得分, at most two decimals' }) @IsOptional() @BoundedNumber() @Hundredths()
  points?: number;

  @ApiPropertyOptional({ description: 'Self-evaluation: 年末实际完成值, in the indicator’s unit' }) @IsOptional() @BoundedNumber()
  actual?: number;

  @ApiPropertyOptional({ enum: ['achieved', 'partly-achieved', 'not-achieved'], description: 'Self-evaluation, qualitative: 达成 [80%, 100%] / 部分达成 [60%, 80%) / 未达成 [0, 60%)' })
  @IsOptional() @IsIn(['achieved', 'partly-achieved', 'not-achieved'])
  tier?: 'achieved' | 'partly-achieved' | 'not-achieved';

  @ApiPropertyOptional({ description: 'Self-evaluation: why the computed points are overridden (required for an override)' })
  @IsOptional() @Text({ max: 4000, multiline: true })
  overrideReason?: string;

  @ApiPropertyOptional({ description: 'Self-evaluation: 偏差原因分析及改进措施, required for a row short of its target' })
  @IsOptional() @Text({ max: 4000, multiline: true })
  shortfallReason?: string;
}

/** The row as the domain takes it: only the fields given. */
export const scoreInput = (s: IndicatorPointsDto) => ({
  indicatorId: s.indicatorId,
  ...(s.points !== undefined ? { points: s.points } : {}),
  ...(s.actual !== undefined ? { actual: s.actual } : {}),
  ...(s.tier !== undefined ? { tier: s.tier } : {}),
  ...(s.overrideReason !== undefined ? { overrideReason: s.overrideReason } : {}),
  ...(s.shortfallReason !== undefined ? { shortfallReason: s.shortfallReason } : {}),
});

export class ScoreEvaluationDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  evaluationId?: string;

  @ApiProperty({ enum: ['self', 'department', 'finance', 'third-party'], description: '单位自评 / 部门评价 / 财政评价 / 第三方' })
  @IsIn(['self', 'department', 'finance', 'third-party'])
  kind!: 'self' | 'department' | 'finance' | 'third-party';

  @ApiPropertyOptional({ enum: ['cost-benefit', 'comparison', 'factor-analysis', 'lowest-cost', 'public-assessment'] })
  @IsOptional() @IsIn(['cost-benefit', 'comparison', 'factor-analysis', 'lowest-cost', 'public-assessment'])
  method?: 'cost-benefit' | 'comparison' | 'factor-analysis' | 'lowest-cost' | 'public-assessment';

  @ApiProperty({ type: [IndicatorPointsDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => IndicatorPointsDto)
  scores!: IndicatorPointsDto[];

  @ApiPropertyOptional({ description: 'Required when the execution rate is below 90%' }) @IsOptional() @Text({ max: 4000, multiline: true })
  executionRateReason?: string;

  @ApiPropertyOptional({ description: 'Self-evaluation: the declared total; refused unless it is the sum of the rows' }) @IsOptional() @BoundedNumber()
  totalScore?: number;
}
