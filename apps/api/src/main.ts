// The shutdown module alone, not the library's index: it must load before anything heavy.
import { GracefulShutdown } from '@jixiao/application/shutdown';

/**
 * npm start: the api on the configured store (embedded SQLite under ./data by default).
 * The signal handler is installed before anything else is loaded (Nest's modules take a
 * second to import), so a SIGTERM at any moment of start-up still ends in an orderly stop.
 */
const shutdown = new GracefulShutdown();
console.log(`Jixiao api starting (pid ${process.pid})`);
const { startApi } = await import('./start-api.js');
await startApi(shutdown);
shutdown.started();
