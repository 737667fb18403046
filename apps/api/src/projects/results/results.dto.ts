import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateIf } from 'class-validator';
import { idPattern, referencePattern } from '../id-patterns.js';

export class CutBudgetDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  cutId?: string;

  @ApiPropertyOptional({ description: 'The evaluation that caused the cut (give this or rectificationId)' })
  @ValidateIf((o: CutBudgetDto) => o.rectificationId === undefined) @Matches(idPattern)
  evaluationId?: string;

  @ApiPropertyOptional({ description: 'The overdue rectification that caused the cut' })
  @ValidateIf((o: CutBudgetDto) => o.evaluationId === undefined) @Matches(referencePattern)
  rectificationId?: string;
}
