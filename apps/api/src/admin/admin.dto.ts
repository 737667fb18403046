import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
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

  @ApiProperty({ description: 'The person or system the token is issued to (姓名 or system name); shown as the actor in the audit history' })
  @Text({ min: 1, max: 200 })
  issuedTo!: string;

  @ApiPropertyOptional({ description: "Days the token lives: 1 up to the role's default lifetime, which is also the default (JIXIAO_TOKEN_LIFETIME_DAYS)" })
  @IsOptional() @IsInt() @Min(1) @Max(36_600)
  lifetimeDays?: number;
}

export class RevokeTokenDto {
  @ApiPropertyOptional({ description: 'Why the token is revoked, for the audit history' })
  @IsOptional() @Text({ max: 500 })
  reason?: string;
}

export class PublishRulebookDto {
  @ApiProperty({ description: 'A complete rulebook: id, version (greater than the last), bands, weights, thresholds, policies' })
  @IsObject()
  rulebook!: Record<string, unknown>;
}
