import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import type { ResultDecision } from '@jixiao/domain';
import { Text } from '../../http/validators.js';
import { idPattern, referencePattern } from '../id-patterns.js';

/** Every result decision a rulebook may allow; which ones a grade allows is the rulebook's (422 result.decision-not-allowed-for-grade). */
const decisions = ['prioritise', 'maintain', 'reduce', 'adjust-use', 'suspend', 'cancel'] as const satisfies readonly ResultDecision[];

/**
 * Finance's result decision 结果应用 on the evaluation that drives results (财预〔2020〕10号;
 * under practice-2027: 优/良 prioritise or maintain, 中 maintain or reduce, 差 reduce,
 * adjust-use, suspend or cancel).
 */
export class ApplyResultDto {
  @ApiProperty({ description: 'The evaluation the decision follows' }) @Matches(idPattern)
  evaluationId!: string;

  @ApiProperty({
    enum: decisions,
    description: '优先保障 prioritise / 维持 maintain / 核减后继续安排 reduce / 调整用途 adjust-use / 不予安排 suspend / 取消 cancel',
  })
  @IsIn(decisions)
  decision!: (typeof decisions)[number];

  @ApiPropertyOptional() @IsOptional() @Text({ max: 4000, multiline: true })
  note?: string;
}

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

/** An incentive 激励 for a good performer (10号: 优、良 "予以支持"); 422 incentive.grade-not-eligible otherwise. */
export class GrantIncentiveDto {
  @ApiPropertyOptional({ description: 'Generated when omitted' }) @IsOptional() @Matches(idPattern)
  incentiveId?: string;

  @ApiProperty({ description: 'The evaluation whose grade earns it' }) @Matches(idPattern)
  evaluationId!: string;

  @ApiProperty({ description: 'What the incentive is, e.g. 下年度预算优先保障 or a commendation' }) @Text({ max: 4000 })
  measure!: string;
}
