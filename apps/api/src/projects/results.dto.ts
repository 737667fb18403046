import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { idPattern } from './monitoring.dto.js';

export class CutBudgetDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  cutId?: string;

  @ApiPropertyOptional({ description: 'The evaluation that caused the cut (give this or rectificationId)' })
  @ValidateIf((o: CutBudgetDto) => o.rectificationId === undefined) @Matches(idPattern)
  evaluationId?: string;

  @ApiPropertyOptional({ description: 'The overdue rectification that caused the cut' })
  @ValidateIf((o: CutBudgetDto) => o.evaluationId === undefined) @Matches(idPattern)
  rectificationId?: string;
}

export class OrderRectificationDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  rectificationId?: string;

  @ApiProperty({ description: 'What must be put right 整改事项' }) @IsString() @MinLength(1) @MaxLength(4000)
  issues!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(idPattern)
  evaluationId?: string;

  @ApiPropertyOptional({ description: "Defaults to the rulebook's rectification period" }) @IsOptional() @IsDateString()
  deadline?: string;
}

export class ReportRectificationDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(8000)
  report!: string;
}

export class VerifyRectificationDto {
  @ApiProperty() @IsBoolean()
  passed!: boolean;

  @ApiPropertyOptional({ description: 'Required when the report fails verification' }) @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class CloseProjectDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;
}
