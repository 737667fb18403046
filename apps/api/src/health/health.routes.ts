import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@jixiao/event-store';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE } from '../store/event-store.provider.js';

@ApiTags('health')
@Controller()
export class HealthRoutes {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness, and whether the event store answers' })
  async health(@Res() reply: FastifyReply) {
    try {
      const headPosition = await this.store.headPosition();
      void reply.send({ status: 'ok', store: { adapter: this.store.adapter, reachable: true, headPosition } });
    } catch (error) {
      void reply.status(503).send({ status: 'degraded', store: { adapter: this.store.adapter, reachable: false, error: (error as Error).message } });
    }
  }
}
