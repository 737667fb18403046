import { loadConfig, openConfiguredStore, openReadModels, ProjectCommands, ProjectStates, Rulebooks, type GracefulShutdown } from '@jixiao/application';
import { DirectCommandDispatcher, WorkflowEngine } from '@jixiao/workflow';

/**
 * Starts projections and the workflow without HTTP, registering each with `shutdown` so
 * that a signal stops the workflow, then the projections, then the read models, and
 * closes the event store last: the api's order. Process managers' commands run through
 * @jixiao/application's ProjectCommands, the same handleCommand the api's CommandBus
 * handler calls, so no Nest container is needed here.
 */
export async function startWorker(shutdown: GracefulShutdown): Promise<void> {
  const config = loadConfig();
  const clock = () => new Date();
  const store = await openConfiguredStore(config);
  shutdown.onStop('event store', () => store.close());
  const readModels = await openReadModels(config, store, clock);
  shutdown.onStop('read-model database', () => readModels.db.close());
  readModels.runner.start();
  shutdown.onStop('projections', () => readModels.runner.stop());
  const rulebooks = new Rulebooks(store, config.rulebookId);
  const commands = new ProjectCommands(store, new ProjectStates(store), rulebooks, clock, config.conflictRetries);
  const engine = new WorkflowEngine({
    store,
    db: readModels.db,
    dispatcher: new DirectCommandDispatcher(commands),
    rulebook: () => rulebooks.inForce(),
    clock,
    onError: (error) => console.error('workflow pass failed; the next pass retries from its checkpoint', error),
    onParked: (parked) => console.error(`workflow parked ${parked.id} (${parked.eventType}, project ${JSON.stringify(parked.projectId)}, ${parked.failure} after ${parked.attempts} tries): ${parked.error}`),
    maxAttempts: config.workflowMaxAttempts,
  });
  await engine.prepare();
  engine.start();
  shutdown.onStop('workflow', async () => {
    await engine.stop();
    await engine.release();
  });
  console.log(`Jixiao worker on ${config.store}: projections and ${engine.processManagers.length} process managers (holder ${engine.leases.holder})`);
}
