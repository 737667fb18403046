import { AccessTokens } from './auth/access-tokens.js';
import { createApp } from './app.js';
import { loadConfig } from './config/app-config.js';
import { openReadModels } from './read-models/read-models.js';
import { openConfiguredStore } from './store/event-store.provider.js';
import { Transparency } from './transparency/transparency.js';

/** npm start: the api on the configured store (embedded SQLite under ./data by default). */
const config = loadConfig();
const store = await openConfiguredStore(config);
const tokens = new AccessTokens(store);
if (await tokens.isEmpty()) {
  const { token } = await tokens.issue({ role: 'admin', subject: 'admin', label: 'first-start admin' }, 'system');
  console.log(
    `\nFirst start on an empty store. One-time admin token (shown once, only its hash is kept):\n\n  ${token}\n\n` +
      `Issue more with POST /api/v1/admin/tokens or: npm run cli -- token create --role <role> [--department <dept>]\n`,
  );
}
const readModels = await openReadModels(config, store);
const app = await createApp({ config, store, readModels });
// SIGTERM closes the app (enableShutdownHooks), which stops the read models; the store closes last.
app.getHttpAdapter().getInstance().addHook('onClose', async () => store.close());
// The checkpoint signing key: created on first start, in a file outside the store; its public key is printed.
const transparency = app.get(Transparency);
const { key, created } = transparency.ensureKey();
console.log(
  `Checkpoint signing key ${key.algorithm} ${key.publicKey} (id ${key.keyId})${created ? ', created now' : ''} ` +
    `in ${transparency.config.signingKeyFile}; served at GET /api/v1/audit/public-key`,
);
transparency.start((error) => console.error('checkpoint pass failed; the next pass tries again', error));
app.getHttpAdapter().getInstance().addHook('onClose', async () => transparency.stop());
await app.listen(config.port, config.host);
console.log(`Jixiao api on ${config.store} listening at ${await app.getUrl()} — docs at /api/docs`);
