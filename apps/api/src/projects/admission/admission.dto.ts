import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { Text, BoundedNumber } from '../../http/validators.js';

export class DecideAdmissionDto {
  @ApiProperty({ enum: ['admit', 'reject'], description: '入库 / 不予入库' }) @IsIn(['admit', 'reject'])
  decision!: 'admit' | 'reject';

  @ApiProperty({ description: 'Admission review score 入库评审得分, 0–100' }) @BoundedNumber({ min: 0, max: 100 })
  reviewScore!: number;

  @ApiPropertyOptional({ type: [String], description: 'Required when rejecting' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @Text({ min: 1, max: 2000, multiline: true }, { each: true })
  reasons?: string[];
}
