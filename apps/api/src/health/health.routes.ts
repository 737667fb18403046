import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@jixiao/event-store';
import type { ProjectionRunner } from '@jixiao/projections';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { EVENT_STORE, PROJECTION_RUNNER } from '../tokens.js';
import { WorkflowHost } from '../workflow/workflow-host.js';

/**
 * Public /health says only whether the api can serve (DESIGN §6.7): positions, lags and
 * adapter names tell an outsider too much. /health/details is for operators.
 */
@ApiTags('health')
@Controller()
export class HealthRoutes {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    private readonly workflow: WorkflowHost,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: { status: "ok" } when the event store answers, 503 { status: "unavailable" } when it does not. Public.' })
  async health(@Res() reply: FastifyReply) {
    try {
      await this.store.headPosition();
      void reply.send({ status: 'ok' });
    } catch {
      void reply.status(503).send({ status: 'unavailable' });
    }
  }

  @Get('health/details')
  @Allow('operator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether the event store answers, and how far each read model and process manager lags (operator, admin)' })
  async details(@Res() reply: FastifyReply) {
    try {
      const headPosition = await this.store.headPosition();
      // parked / parkedFrom: events a projection set aside, and the oldest one's position.
      const projections = (await this.runner.status()).map(({ name, version, position, lag, parked, parkedFrom }) => ({ name, version, position, lag, parked, parkedFrom }));
      // Without an in-process engine the process managers run in apps/worker, which reports its own lag.
      const engine = this.workflow.engine;
      const workflow = engine ? (await engine.status()).map(({ name, position, lag, held, parked }) => ({ name, position, lag, leaseHeld: held, parked })) : 'external';
      void reply.send({ status: 'ok', store: { adapter: this.store.adapter, reachable: true, headPosition }, projections, workflow });
    } catch (error) {
      void reply.status(503).send({ status: 'degraded', store: { adapter: this.store.adapter, reachable: false, error: (error as Error).message } });
    }
  }
}
