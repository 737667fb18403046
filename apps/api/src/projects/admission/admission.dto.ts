import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class DecideAdmissionDto {
  @ApiProperty({ enum: ['admit', 'reject'], description: '入库 / 不予入库' }) @IsIn(['admit', 'reject'])
  decision!: 'admit' | 'reject';

  @ApiProperty({ description: 'Admission review score 入库评审得分, 0–100' }) @IsNumber() @Min(0) @Max(100)
  reviewScore!: number;

  @ApiPropertyOptional({ type: [String], description: 'Required when rejecting' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(2000, { each: true })
  reasons?: string[];
}
