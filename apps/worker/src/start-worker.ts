import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Rulebooks } from '../../api/src/commands/rulebooks.js';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openReadModels } from '../../api/src/read-models/read-models.js';
import type { GracefulShutdown } from '../../api/src/shutdown.js';
import { openConfiguredStore } from '../../api/src/store/event-store.provider.js';
import { WorkflowHost } from '../../api/src/workflow/workflow-host.js';
import { WorkerModule } from './worker.module.js';

/**
 * Starts projections and the workflow without HTTP, registering each with `shutdown` so
 * that a signal stops the workflow, then the projections, then the read models, and
 * closes the event store last: the api's order.
 */
export async function startWorker(shutdown: GracefulShutdown): Promise<void> {
  const config = loadConfig();
  const clock = () => new Date();
  const store = await openConfiguredStore(config);
  shutdown.onStop('event store', () => store.close());
  const readModels = await openReadModels(config, store, clock);
  shutdown.onStop('read-model database', () => readModels.db.close());
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, store, clock }), { logger: ['error', 'warn'] });
  shutdown.onStop('command bus', () => context.close());
  readModels.runner.start();
  shutdown.onStop('projections', () => readModels.runner.stop());
  const workflow = new WorkflowHost();
  const engine = await workflow.start({
    store,
    db: readModels.db,
    bus: context.get(CommandBus),
    rulebooks: context.get(Rulebooks),
    clock,
    onError: (error) => console.error('workflow pass failed; the next pass retries from its checkpoint', error),
  });
  shutdown.onStop('workflow', () => workflow.stop());
  console.log(`Jixiao worker on ${config.store}: projections and ${engine.processManagers.length} process managers (holder ${engine.leases.holder})`);
}
