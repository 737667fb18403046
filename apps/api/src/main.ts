import { AccessTokens } from '@jixiao/application';
import { createApp } from './app.js';
import { loadConfig } from '@jixiao/application';
import { openReadModels } from '@jixiao/application';
import { openConfiguredStore } from '@jixiao/application';

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
await app.listen(config.port, config.host);
console.log(`Jixiao api on ${config.store} listening at ${await app.getUrl()} — docs at /api/docs`);
