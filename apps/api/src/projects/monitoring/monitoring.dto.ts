import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text, BoundedNumber, IsCalendarDate } from '../../http/validators.js';
import { idPattern } from '../id-patterns.js';

export class RecordExpenditureDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  expenditureId?: string;

  @ApiProperty({ description: 'Amount spent in fen' }) @IsInt() @Min(1) @Max(MAX_INPUT_MAGNITUDE)
  amountFen!: number;

  @ApiProperty({ example: '2026-06-30' }) @IsCalendarDate()
  spentOn!: string;

  @ApiPropertyOptional() @IsOptional() @Text({ max: 2000, multiline: true })
  description?: string;
}

export class RecordReadingDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  readingId?: string;

  @ApiProperty() @Text({ min: 1, max: 100 })
  indicatorId!: string;

  @ApiProperty({ example: '2026-06', description: 'A monthly (YYYY-MM) or quarterly (YYYY-Qn) period' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/)
  period!: string;

  @ApiPropertyOptional({ description: 'Cumulative actual; omitted for a qualitative indicator' })
  @IsOptional() @BoundedNumber()
  value?: number;

  @ApiPropertyOptional({ description: "Must be the indicator's unit" }) @IsOptional() @Text({ max: 40 })
  unit?: string;

  @ApiPropertyOptional({ enum: ['certain', 'possible', 'impossible'] }) @IsOptional() @IsIn(['certain', 'possible', 'impossible'])
  likelihood?: 'certain' | 'possible' | 'impossible';

  @ApiPropertyOptional({
    enum: ['achieved', 'partly-achieved', 'not-achieved'],
    description: 'Observed completion of a qualitative indicator (达到 / 部分达到 / 未达到); it lights the indicator',
  })
  @IsOptional() @IsIn(['achieved', 'partly-achieved', 'not-achieved'])
  completion?: 'achieved' | 'partly-achieved' | 'not-achieved';

  @ApiPropertyOptional() @IsOptional() @Text({ max: 2000, multiline: true })
  note?: string;
}

export class ExplainDeviationDto {
  @ApiProperty({ enum: ['funding', 'rules', 'staff', 'equipment', 'other'], description: '经费 / 制度 / 人员 / 硬件 / 其他' })
  @IsIn(['funding', 'rules', 'staff', 'equipment', 'other'])
  cause!: 'funding' | 'rules' | 'staff' | 'equipment' | 'other';

  @ApiPropertyOptional({ description: 'Required when the cause is "other"' }) @IsOptional() @Text({ max: 2000, multiline: true })
  causeDetail?: string;

  @ApiProperty({ description: 'Corrective measures 纠偏措施' }) @Text({ min: 1, max: 4000, multiline: true })
  measures!: string;

  @ApiProperty({ enum: ['certain', 'possible', 'impossible'], description: 'Likelihood of meeting the goal' })
  @IsIn(['certain', 'possible', 'impossible'])
  likelihood!: 'certain' | 'possible' | 'impossible';
}

export class AdjustTargetDto {
  @ApiProperty() @BoundedNumber()
  adjustedTarget!: number;

  @ApiProperty() @Text({ min: 1, max: 4000, multiline: true })
  reason!: string;
}
