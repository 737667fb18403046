import { AccessTokens, loadConfig, openConfiguredStore, openReadModels, type GracefulShutdown } from '@jixiao/application';
import { createApp } from './app.js';
import { Transparency } from './transparency/transparency.js';

/**
 * Opens the configured store, prints the one-time admin token on an empty store, starts
 * the read models, the workflow and the HTTP server, and registers each with `shutdown`
 * in the order that closes them safely (the store first, so it closes last).
 */
export async function startApi(shutdown: GracefulShutdown): Promise<void> {
  const config = loadConfig();
  const store = await openConfiguredStore(config);
  shutdown.onStop('event store', () => store.close());
  const tokens = new AccessTokens(store, () => new Date(), config.tokenLifetimeDays);
  if (await tokens.isEmpty()) {
    const { token, expiresAt } = await tokens.issue(
      { role: 'admin', subject: 'admin', label: 'first-start admin', issuedTo: 'first-start administrator' },
      'system',
    );
    console.log(
      `\nFirst start on an empty store. One-time admin token (shown once, only its hash is kept; valid until ${expiresAt}):\n\n  ${token}\n\n` +
        `Issue more with POST /api/v1/admin/tokens or: npm run cli -- token create --role <role> --to <name> [--department <dept>]\n`,
    );
  }
  const readModels = await openReadModels(config, store);
  // The app's close stops the server, then the workflow, the projections and the read-model database.
  const app = await createApp({ config, store, readModels });
  shutdown.onStop('api', () => app.close());
  // The checkpoint signing key: created on first start, in a file outside the store; its public key is printed.
  const transparency = app.get(Transparency);
  const { key, created } = transparency.ensureKey();
  console.log(
    `Checkpoint signing key ${key.algorithm} ${key.publicKey} (id ${key.keyId})${created ? ', created now' : ''} ` +
      `in ${transparency.config.signingKeyFile}; served at GET /api/v1/audit/public-key`,
  );
  transparency.start((error) => console.error('checkpoint pass failed; the next pass tries again', error));
  // Registered after the app, so it stops first: no checkpoint is written while the rest closes.
  shutdown.onStop('checkpoints', async () => transparency.stop());
  await app.listen(config.port, config.host);
  console.log(`Jixiao api on ${config.store} listening at ${await app.getUrl()} — docs at /api/docs`);
}
