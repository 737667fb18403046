import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { idPattern } from '../id-patterns.js';

export class RecordExpenditureDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  expenditureId?: string;

  @ApiProperty({ description: 'Amount spent in fen' }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;

  @ApiProperty({ example: '2026-06-30' }) @IsDateString()
  spentOn!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  description?: string;
}

export class RecordReadingDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  readingId?: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100)
  indicatorId!: string;

  @ApiProperty({ example: '2026-06', description: 'A monthly (YYYY-MM) or quarterly (YYYY-Qn) period' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/)
  period!: string;

  @ApiPropertyOptional({ description: 'Cumulative actual; omitted for a qualitative indicator' })
  @IsOptional() @IsNumber()
  value?: number;

  @ApiPropertyOptional({ description: "Must be the indicator's unit" }) @IsOptional() @IsString() @MaxLength(40)
  unit?: string;

  @ApiPropertyOptional({ enum: ['certain', 'possible', 'impossible'] }) @IsOptional() @IsIn(['certain', 'possible', 'impossible'])
  likelihood?: 'certain' | 'possible' | 'impossible';

  @ApiPropertyOptional({
    enum: ['achieved', 'partly-achieved', 'not-achieved'],
    description: 'Observed completion of a qualitative indicator (达到 / 部分达到 / 未达到); it lights the indicator',
  })
  @IsOptional() @IsIn(['achieved', 'partly-achieved', 'not-achieved'])
  completion?: 'achieved' | 'partly-achieved' | 'not-achieved';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ExplainDeviationDto {
  @ApiProperty({ enum: ['funding', 'rules', 'staff', 'equipment', 'other'], description: '经费 / 制度 / 人员 / 硬件 / 其他' })
  @IsIn(['funding', 'rules', 'staff', 'equipment', 'other'])
  cause!: 'funding' | 'rules' | 'staff' | 'equipment' | 'other';

  @ApiPropertyOptional({ description: 'Required when the cause is "other"' }) @IsOptional() @IsString() @MaxLength(2000)
  causeDetail?: string;

  @ApiProperty({ description: 'Corrective measures 纠偏措施' }) @IsString() @MinLength(1) @MaxLength(4000)
  measures!: string;

  @ApiProperty({ enum: ['certain', 'possible', 'impossible'], description: 'Likelihood of meeting the goal' })
  @IsIn(['certain', 'possible', 'impossible'])
  likelihood!: 'certain' | 'possible' | 'impossible';
}

export class AdjustTargetDto {
  @ApiProperty() @IsNumber()
  adjustedTarget!: number;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;
}
