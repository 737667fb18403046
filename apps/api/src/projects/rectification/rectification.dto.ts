import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { idPattern } from '../id-patterns.js';

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
