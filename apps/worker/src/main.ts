import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Rulebooks } from '../../api/src/commands/rulebooks.js';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openReadModels } from '../../api/src/read-models/read-models.js';
import { openConfiguredStore } from '../../api/src/store/event-store.provider.js';
import { WorkflowHost } from '../../api/src/workflow/workflow-host.js';
import { WorkerModule } from './worker.module.js';

/**
 * npm run worker: projections and the workflow as their own process, without HTTP.
 * Start the api with JIXIAO_WORKFLOW=off to leave the workflow here; leases keep two
 * workers (or a worker and an api) from running the same process manager at once.
 */
const config = loadConfig();
const clock = () => new Date();
const store = await openConfiguredStore(config);
const readModels = await openReadModels(config, store, clock);
const context = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, store, clock }), { logger: ['error', 'warn'] });
readModels.runner.start();
const workflow = new WorkflowHost();
const engine = await workflow.start({
  store,
  db: readModels.db,
  bus: context.get(CommandBus),
  rulebooks: context.get(Rulebooks),
  clock,
  onError: (error) => console.error('workflow pass failed; the next pass retries from its checkpoint', error),
});
console.log(`Jixiao worker on ${config.store}: projections and ${engine.processManagers.length} process managers (holder ${engine.leases.holder})`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await workflow.stop();
  await readModels.runner.stop();
  await readModels.db.close();
  await context.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
