import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listProjects, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { READ_MODEL_DB } from '../tokens.js';
import { departmentScope } from './department-scope.js';
import { ProjectListQuery } from './query.dto.js';
import { ProjectPageDto } from './query-responses.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'projects', version: '1' })
export class ProjectListRoutes {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase) {}

  @Get()
  @ApiOkResponse({ type: ProjectPageDto })
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Project list: filter by department, fiscal year, stage, grade and open deviations; paged',
    description:
      'One row per project and fiscal year: with fiscalYear, every project that lived that year with that year’s stage, money, grade and cuts ' +
      '(a continuing project 延续性项目 appears in each year it lived); without it, each project once, in its latest year.',
  })
  list(@Query() query: ProjectListQuery, @Req() request: FastifyRequest) {
    const department = departmentScope(request.principal!, query.department);
    return listProjects(this.db, {
      ...(department !== undefined ? { department } : {}),
      ...(query.fiscalYear !== undefined ? { fiscalYear: query.fiscalYear } : {}),
      ...(query.stage !== undefined ? { stage: query.stage } : {}),
      ...(query.grade !== undefined ? { grade: query.grade } : {}),
      ...(query.openDeviations !== undefined ? { openDeviations: query.openDeviations } : {}),
      limit: query.limit,
      offset: query.offset,
    });
  }
}
