import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class AllocateBudgetDto {
  @ApiProperty({ description: 'Allocated amount in fen' }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;

  @ApiPropertyOptional({ description: 'Required when above the requested amount' }) @IsOptional() @IsString() @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Approval document number 批复文号' }) @IsOptional() @IsString() @MaxLength(200)
  documentNo?: string;
}

export class AdjustBudgetDto {
  @ApiProperty({ description: 'The adjusted budget 调整后预算 in fen' }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  newBudgetFen!: number;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;
}
