import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Allow } from './allow.decorator.js';
import { roles, type Role } from '@jixiao/application';

/** The caller, as the web console needs it to choose which pages to show. */
export class Me {
  @ApiProperty({ description: 'Stable id of the caller (the token subject)' })
  id!: string;

  @ApiProperty({ enum: roles })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'Department 预算单位; set for the department role only' })
  department!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Division 处室 within the department; tokens carry none yet, so this is null until divisions are issued',
  })
  division!: string | null;

  @ApiProperty({ description: 'Label given when the token was issued' })
  label!: string;
}

@ApiTags('8 session 会话')
@ApiBearerAuth()
@Controller({ path: 'me', version: '1' })
export class MeRoutes {
  @Get()
  @Allow(...roles)
  @ApiOperation({ summary: 'Who the bearer token belongs to: role, department and division (401 without a valid token)' })
  @ApiOkResponse({ type: Me })
  me(@Req() request: FastifyRequest): Me {
    const principal = request.principal!;
    return { id: principal.id, role: principal.role, department: principal.department ?? null, division: null, label: principal.label };
  }
}
