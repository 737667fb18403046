import { loadConfig, openConfiguredStore, openReadModels, ProjectCommands, ProjectStates, Rulebooks } from '@jixiao/application';
import { DirectCommandDispatcher, WorkflowEngine } from '@jixiao/workflow';

/**
 * npm run worker: projections and the workflow as their own process, without HTTP.
 * Start the api with JIXIAO_WORKFLOW=off to leave the workflow here; leases keep two
 * workers (or a worker and an api) from running the same process manager at once.
 * Process managers' commands run through @jixiao/application's ProjectCommands, the
 * same handleCommand the api's CommandBus handler calls; no Nest container is needed.
 */
const config = loadConfig();
const clock = () => new Date();
const store = await openConfiguredStore(config);
const readModels = await openReadModels(config, store, clock);
const rulebooks = new Rulebooks(store);
const commands = new ProjectCommands(store, new ProjectStates(store), rulebooks, clock, config.conflictRetries);
readModels.runner.start();
const engine = new WorkflowEngine({
  store,
  db: readModels.db,
  dispatcher: new DirectCommandDispatcher(commands),
  rulebook: () => rulebooks.inForce(),
  clock,
  onError: (error) => console.error('workflow pass failed; the next pass retries from its checkpoint', error),
});
await engine.prepare();
engine.start();
console.log(`Jixiao worker on ${config.store}: projections and ${engine.processManagers.length} process managers (holder ${engine.leases.holder})`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await engine.stop();
  await engine.release();
  await readModels.runner.stop();
  await readModels.db.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
