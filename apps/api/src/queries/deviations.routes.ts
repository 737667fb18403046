import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { deviationWatchlist, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { CLOCK, READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { DeviationQuery } from './query.dto.js';
import { DeviationPageDto } from './query-responses.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'deviations', version: '1' })
export class DeviationRoutes {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get()
  @ApiOkResponse({ type: DeviationPageDto })
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({ summary: 'Deviation watchlist 偏差预警: open, explained and resolved; red before yellow, oldest first, with age in days; paged' })
  list(@Query() query: DeviationQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return deviationWatchlist(
      this.db,
      {
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.severity !== undefined ? { severity: query.severity } : {}),
        ...(department !== undefined ? { department } : {}),
        ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
        limit: query.limit,
        offset: query.offset,
      },
      this.clock(),
    );
  }
}
