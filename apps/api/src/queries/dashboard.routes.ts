import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { departmentDashboard, resultsToAllocations, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { DashboardQuery } from './query.dto.js';
import { DepartmentDashboardDto, ResultsToAllocationsDto } from './query-responses.dto.js';

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
      'severity, grade distribution (latest result-driving evaluation per project) and total budget cut. ' +
      'Each figure is of that fiscal year only: a continuing project 延续性项目 counts in each year it lives, with that year’s figures.',
  })
  async departments(@Query() query: DashboardQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return { fiscalYear: query.fiscalYear, departments: await departmentDashboard(this.db, query.fiscalYear, department) };
  }

  @Get('results-to-allocations')
  @ApiOkResponse({ type: ResultsToAllocationsDto })
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Year-N results beside year-N+1 allocations 绩效结果与下年预算安排, per department',
    description:
      'fiscalYear is year N. Per department with projects in year N: projects evaluated, their grades and result decisions 结果应用, ' +
      'and the budget cuts decided (fen); then for year N+1: every allocation (fen), the continuing projects 延续性项目 opened from N and ' +
      'those allocated, their allocations against the sum of their cut caps 削减后上限 (year-N budget in force − year-N cuts), the year-N ' +
      'cuts applied and not yet applied, and the allocations above the cap (count, fen above) — 财预〔2020〕10号: results "作为以后年度预算安排的重要参考". ' +
      'Money in integer fen. A department token sees its own row only.',
  })
  async resultsToAllocations(@Query() query: DashboardQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return { fiscalYear: query.fiscalYear, nextFiscalYear: query.fiscalYear + 1, departments: await resultsToAllocations(this.db, query.fiscalYear, department) };
  }
}
