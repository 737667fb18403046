import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@jixiao/projections';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { PROJECTION_RUNNER } from '../tokens.js';
import { WorkflowHost } from '../workflow/workflow-host.js';

/** Prometheus text exposition: projection lag and checkpoints, for an operator's scraper (operator or admin token, §6.7). */
@ApiTags('health')
@Controller()
export class MetricsRoutes {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    private readonly workflow: WorkflowHost,
  ) {}

  @Get('metrics')
  @Allow('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Projection lag (events behind the head), checkpoints and parked events; workflow lag and parked reactions; in Prometheus text format' })
  async metrics(@Res() reply: FastifyReply) {
    const status = await this.runner.status();
    const workflow = (await this.workflow.engine?.status()) ?? [];
    const lines = [
      '# HELP jixiao_projection_lag_events Events in the store not yet applied to the read model.',
      '# TYPE jixiao_projection_lag_events gauge',
      ...status.map((s) => `jixiao_projection_lag_events{projection="${s.name}",version="${s.version}"} ${s.lag}`),
      '# HELP jixiao_projection_checkpoint Global position the read model has applied.',
      '# TYPE jixiao_projection_checkpoint gauge',
      ...status.map((s) => `jixiao_projection_checkpoint{projection="${s.name}",version="${s.version}"} ${s.position}`),
      '# HELP jixiao_projection_parked_events Events a read model could not apply, with the same key\'s later events held behind them.',
      '# TYPE jixiao_projection_parked_events gauge',
      ...status.map((s) => `jixiao_projection_parked_events{projection="${s.name}",version="${s.version}"} ${s.parked}`),
      '# HELP jixiao_projection_parked_first_position Global position of the oldest parked event (0 when none).',
      '# TYPE jixiao_projection_parked_first_position gauge',
      ...status.map((s) => `jixiao_projection_parked_first_position{projection="${s.name}",version="${s.version}"} ${s.parkedFrom ?? 0}`),
      '# HELP jixiao_workflow_parked_reactions Reactions of a process manager set aside after failing (workflow parked lists them).',
      '# TYPE jixiao_workflow_parked_reactions gauge',
      ...workflow.map((w) => `jixiao_workflow_parked_reactions{process_manager="${w.name}"} ${w.parked}`),
      '# HELP jixiao_workflow_lag_events Events not yet handled by a process manager.',
      '# TYPE jixiao_workflow_lag_events gauge',
      ...workflow.map((w) => `jixiao_workflow_lag_events{process_manager="${w.name}"} ${w.lag}`),
      '# HELP jixiao_store_head_position Global position of the last stored event.',
      '# TYPE jixiao_store_head_position gauge',
      `jixiao_store_head_position ${status[0]?.head ?? 0}`,
    ];
    void reply.header('content-type', 'text/plain; version=0.0.4').send(lines.join('\n') + '\n');
  }
}
