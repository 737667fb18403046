import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { Text } from '../http/validators.js';
import { roles, type Role } from '@jixiao/application';

export class IssueTokenDto {
  @ApiProperty({ enum: roles }) @IsIn(roles)
  role!: Role;

  @ApiPropertyOptional({ description: 'Required for, and only for, the department role' }) @IsOptional() @Text({ min: 1, max: 100 })
  department?: string;

  @ApiPropertyOptional({ description: 'Principal id; for an evaluator, the id projects are assigned to' })
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/)
  subject?: string;

  @ApiPropertyOptional() @IsOptional() @Text({ max: 200 })
  label?: string;
}

export class PublishRulebookDto {
  @ApiProperty({ description: 'A complete rulebook: id, version (greater than the last), bands, weights, thresholds, policies' })
  @IsObject()
  rulebook!: Record<string, unknown>;
}
