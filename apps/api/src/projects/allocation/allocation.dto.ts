import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text } from '../../http/validators.js';

export class AllocateBudgetDto {
  @ApiProperty({ description: 'Allocated amount in fen' }) @IsInt() @Min(1) @Max(MAX_INPUT_MAGNITUDE)
  amountFen!: number;

  @ApiPropertyOptional({ description: 'Required when above the requested amount' }) @IsOptional() @Text({ max: 4000, multiline: true })
  reason?: string;

  @ApiPropertyOptional({ description: 'Approval document number 批复文号' }) @IsOptional() @Text({ max: 200 })
  documentNo?: string;

  @ApiPropertyOptional({
    description:
      "In a following year, the reason for allocating above the cut cap 削减后上限 (last year's budget in force less last year's cuts, fen); " +
      'recorded as an exception 例外 in PriorCutsApplied. Without it, an amount above the cap is refused: 422 allocation.above-cut-cap-needs-reason',
  })
  @IsOptional() @Text({ min: 1, max: 4000, multiline: true })
  capExceptionReason?: string;
}

export class AdjustBudgetDto {
  @ApiProperty({ description: 'The adjusted budget 调整后预算 in fen' }) @IsInt() @Min(0) @Max(MAX_INPUT_MAGNITUDE)
  newBudgetFen!: number;

  @ApiProperty() @Text({ min: 1, max: 4000, multiline: true })
  reason!: string;
}
