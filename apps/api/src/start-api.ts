import { AccessTokens, loadConfig, openConfiguredStore, openReadModels, type GracefulShutdown } from '@jixiao/application';
import { createApp } from './app.js';

/**
 * Opens the configured store, prints the one-time admin token on an empty store, starts
 * the read models, the workflow and the HTTP server, and registers each with `shutdown`
 * in the order that closes them safely (the store first, so it closes last).
 */
export async function startApi(shutdown: GracefulShutdown): Promise<void> {
  const config = loadConfig();
  const store = await openConfiguredStore(config);
  shutdown.onStop('event store', () => store.close());
  const tokens = new AccessTokens(store);
  if (await tokens.isEmpty()) {
    const { token } = await tokens.issue({ role: 'admin', subject: 'admin', label: 'first-start admin' }, 'system');
    console.log(
      `\nFirst start on an empty store. One-time admin token (shown once, only its hash is kept):\n\n  ${token}\n\n` +
        `Issue more with POST /api/v1/admin/tokens or: npm run cli -- token create --role <role> [--department <dept>]\n`,
    );
  }
  const readModels = await openReadModels(config, store);
  // The app's close stops the server, then the workflow, the projections and the read-model database.
  const app = await createApp({ config, store, readModels });
  shutdown.onStop('api', () => app.close());
  await app.listen(config.port, config.host);
  console.log(`Jixiao api on ${config.store} listening at ${await app.getUrl()} — docs at /api/docs`);
}
