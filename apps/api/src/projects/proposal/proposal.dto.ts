import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text } from '../../http/validators.js';
import { projectIdPattern } from '../id-patterns.js';

export class ProposeProjectDto {
  @ApiPropertyOptional({ description: 'Project id; generated (UUIDv7) when omitted' })
  @IsOptional() @Matches(projectIdPattern)
  projectId?: string;

  @ApiPropertyOptional({ description: 'Department 预算单位; a department token may only name its own' })
  @IsOptional() @Text({ min: 1, max: 100 })
  department?: string;

  @ApiProperty({ example: '城市绿化提升项目' })
  @Text({ min: 1, max: 200 })
  title!: string;

  @ApiProperty({ enum: ['personnel', 'operating', 'specific-purpose'], description: '人员类 / 运转类 / 特定目标类' })
  @IsIn(['personnel', 'operating', 'specific-purpose'])
  category!: 'personnel' | 'operating' | 'specific-purpose';

  @ApiProperty({ example: 2026 })
  @IsInt() @Min(2000) @Max(2100)
  fiscalYear!: number;

  @ApiProperty({ description: 'Requested amount in fen (1 yuan = 100 fen)', example: 50_000_000 })
  @IsInt() @Min(1) @Max(MAX_INPUT_MAGNITUDE)
  requestedFen!: number;

  @ApiPropertyOptional()
  @IsOptional() @Text({ max: 4000, multiline: true })
  description?: string;
}
