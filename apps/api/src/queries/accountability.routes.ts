import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountabilityLedger, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { CLOCK, READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { LedgerQuery } from './query.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'accountability', version: '1' })
export class AccountabilityRoutes {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get()
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Accountability ledger 问责台账',
    description:
      'Rectifications 整改 ordered, due (deadline ahead), overdue (deadline passed, not verified, as of now) and verified; ' +
      'accountability actions 问责; budget cuts 预算削减 each with the evaluation or rectification that caused it. limit/offset page each list.',
  })
  ledger(@Query() query: LedgerQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return accountabilityLedger(
      this.db,
      {
        ...(department !== undefined ? { department } : {}),
        ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
        limit: query.limit,
        offset: query.offset,
      },
      this.clock(),
    );
  }
}
