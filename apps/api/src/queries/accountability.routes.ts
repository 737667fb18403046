import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountabilityLedger, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { CLOCK, READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { LedgerQuery } from './query.dto.js';
import { AccountabilityLedgerDto } from './query-responses.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'accountability', version: '1' })
export class AccountabilityRoutes {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get()
  @ApiOkResponse({ type: AccountabilityLedgerDto })
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Accountability ledger 问责台账',
    description:
      'Rectifications 整改 ordered, due (deadline ahead), overdue (deadline passed, not verified, as of now) and verified; ' +
      'accountability actions 问责; budget cuts 预算削减 each from its decision (the evaluation or rectification that caused it, the grade, ' +
      'the rulebook id and version, the amount in fen, the fiscal year decided) to the next year’s allocation that applied it (fiscal year, ' +
      'amount, cap 削减后上限, document number 批复文号, when), or null while not yet applied; and the exceptions: allocations above the cap ' +
      'with the reason stated, the cap and the amount. fiscalYear scopes by the year decided (rectifications ordered, actions taken, cuts ' +
      'decided; exceptions of the allocations applying those cuts); appliedInFiscalYear narrows cuts and exceptions to that year’s ' +
      'allocations. limit/offset page each list; counts and fen sums cover all.',
  })
  ledger(@Query() query: LedgerQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return accountabilityLedger(
      this.db,
      {
        ...(department !== undefined ? { department } : {}),
        ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
        ...(query.appliedInFiscalYear !== undefined ? { appliedInFiscalYear: query.appliedInFiscalYear } : {}),
        limit: query.limit,
        offset: query.offset,
      },
      this.clock(),
    );
  }
}
