import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { departmentDashboard, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { DashboardQuery } from './query.dto.js';
import { DepartmentDashboardDto } from './query-responses.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'dashboards', version: '1' })
export class DashboardRoutes {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase) {}

  @Get('departments')
  @ApiOkResponse({ type: DepartmentDashboardDto })
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Department dashboard 部门绩效看板 for a fiscal year',
    description:
      'Per department: requested, allocated, adjusted and spent (fen), execution rate (spent ÷ adjusted), goal completion rate ' +
      '(indicators met or on track ÷ indicators with a reading, judged on the latest reading against 序时进度), open deviations by ' +
      'severity, grade distribution (latest result-driving evaluation per project) and total budget cut.',
  })
  async departments(@Query() query: DashboardQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return { fiscalYear: query.fiscalYear, departments: await departmentDashboard(this.db, query.fiscalYear, department) };
  }
}
