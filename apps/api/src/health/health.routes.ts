import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@jixiao/event-store';
import type { ProjectionRunner } from '@jixiao/projections';
import type { FastifyReply } from 'fastify';
import { PROJECTION_RUNNER } from '../read-models/read-models.js';
import { EVENT_STORE } from '../store/event-store.provider.js';

@ApiTags('health')
@Controller()
export class HealthRoutes {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness, whether the event store answers, and how far each read model lags' })
  async health(@Res() reply: FastifyReply) {
    try {
      const headPosition = await this.store.headPosition();
      const projections = (await this.runner.status()).map(({ name, version, position, lag }) => ({ name, version, position, lag }));
      void reply.send({ status: 'ok', store: { adapter: this.store.adapter, reachable: true, headPosition }, projections });
    } catch (error) {
      void reply.status(503).send({ status: 'degraded', store: { adapter: this.store.adapter, reachable: false, error: (error as Error).message } });
    }
  }
}
