// The shutdown module alone, not the library's index: it must load before anything heavy.
import { GracefulShutdown } from '@jixiao/application/shutdown';

/**
 * npm run worker: projections and the workflow as their own process, without HTTP.
 * Start the api with JIXIAO_WORKFLOW=off to leave the workflow here; leases keep two
 * workers (or a worker and an api) from running the same process manager at once.
 * The signal handler is installed before anything heavy is loaded, as in the api.
 */
const shutdown = new GracefulShutdown();
const { startWorker } = await import('./start-worker.js');
await startWorker(shutdown);
shutdown.started();
