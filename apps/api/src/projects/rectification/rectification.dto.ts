import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { Text, IsUtcInstant } from '../../http/validators.js';
import { idPattern } from '../id-patterns.js';

export class OrderRectificationDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  rectificationId?: string;

  @ApiProperty({ description: 'What must be put right 整改事项' }) @Text({ min: 1, max: 4000, multiline: true })
  issues!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(idPattern)
  evaluationId?: string;

  @ApiPropertyOptional({ description: "Defaults to the rulebook's rectification period" }) @IsOptional() @IsUtcInstant()
  deadline?: string;
}

export class ReportRectificationDto {
  @ApiProperty() @Text({ min: 1, max: 8000, multiline: true })
  report!: string;
}

export class VerifyRectificationDto {
  @ApiProperty() @IsBoolean()
  passed!: boolean;

  @ApiPropertyOptional({ description: 'Required when the report fails verification' }) @IsOptional() @Text({ max: 4000, multiline: true })
  note?: string;
}
