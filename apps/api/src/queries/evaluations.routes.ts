import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { gradeDistribution, listEvaluations, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { DashboardQuery, EvaluationQuery } from './query.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'evaluations', version: '1' })
export class EvaluationResultRoutes {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase) {}

  @Get()
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({ summary: 'Evaluation results 绩效评价结果, by department, year, grade and kind; paged' })
  list(@Query() query: EvaluationQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return listEvaluations(this.db, {
      ...(department !== undefined ? { department } : {}),
      ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
      ...(query.grade !== undefined ? { grade: query.grade } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Get('grade-distribution')
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({ summary: 'Grade distribution 等级分布 per department for a fiscal year: projects by the grade of their latest result-driving evaluation of that year' })
  async distribution(@Query() query: DashboardQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return { fiscalYear: query.fiscalYear, departments: await gradeDistribution(this.db, query.fiscalYear, department) };
  }
}
