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

export class IndicatorPointsDto {
  @ApiProperty() @Text({ min: 1, max: 100 })
  indicatorId!: string;

  @ApiProperty({ description: 'Points 得分, at most two decimals' }) @BoundedNumber() @Hundredths()
  points!: number;
}

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
}
