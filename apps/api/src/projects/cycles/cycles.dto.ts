import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text } from '../../http/validators.js';
import { IndicatorDto } from '../goals/goals.dto.js';

/**
 * The department's request for the next fiscal year of a continuing project 延续性项目:
 * that year's annual goals 年度目标 and the amount asked for. The domain checks the year
 * is the next one, the project is not cancelled and the goals are SMART for that year.
 */
export class OpenNextCycleDto {
  @ApiProperty({ example: 2027, description: 'The year asked for: the current fiscal year + 1 (else 422 cycle.not-next-year)' })
  @IsInt() @Min(2000) @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ description: "The year's overall goal 年度总体目标" }) @Text({ min: 1, max: 4000, multiline: true })
  overallGoal!: string;

  @ApiProperty({ type: [IndicatorDto], description: "The year's indicators; deadlines fall within that fiscal year" })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];

  @ApiProperty({ description: 'Requested amount for the year in fen (1 yuan = 100 fen)', example: 90_000_000 })
  @IsInt() @Min(1) @Max(MAX_INPUT_MAGNITUDE)
  requestedFen!: number;
}
