import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { indicatorProgress, type ReadModelDatabase } from '@jixiao/projections';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { assertMaySee, noSuchProject } from '@jixiao/application';
import { ProjectIdPipe } from '../projects/project-id.pipe.js';
import { CLOCK, READ_MODEL_DB } from '../tokens.js';
import { IndicatorProgressQuery } from './query.dto.js';

@ApiTags('10 queries 查询')
@ApiBearerAuth()
@Controller({ path: 'projects', version: '1' })
export class IndicatorProgressRoutes {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get(':id/indicators')
  @Allow('department', 'finance', 'auditor', 'oversight')
  @ApiOperation({
    summary: 'Indicator progress 指标进度 of a project',
    description:
      'Per indicator: start-of-year and adjusted target, latest reading, the value expected now by time-proportional progress 序时进度, ' +
      'and the status of the latest reading (on-track / yellow / red / met / no-reading). A continuing project 延续性项目 has each ' +
      'fiscal year’s annual goals: fiscalYear picks one (the year in force by default; a year it did not live has none). ' +
      'A department reads its own projects only.',
  })
  async get(@Param('id', ProjectIdPipe) id: string, @Query() query: IndicatorProgressQuery, @Req() request: FastifyRequest) {
    const progress = await indicatorProgress(this.db, id, this.clock(), query.fiscalYear);
    if (!progress) throw noSuchProject();
    assertMaySee(request.principal!, progress.department);
    return progress;
  }
}
