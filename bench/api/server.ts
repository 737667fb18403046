/**
 * The api under test, in its own process: the benchmark's load generator must not share
 * an event loop with the server it measures. Started by run.ts with fork(); reports its
 * URL and two tokens over IPC, and closes cleanly on "stop" (so --cpu-prof gets written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@jixiao/event-store';
import { createApp } from '../../apps/api/src/app.js';
import { AccessTokens } from '@jixiao/application';
import { loadConfig } from '@jixiao/application';
import { openReadModels } from '@jixiao/application';
import { department, midYearIso } from './workload.js';

export interface ServerReady {
  readonly url: string;
  readonly departmentToken: string;
  readonly financeToken: string;
  readonly file: string;
}

const folder = mkdtempSync(join(tmpdir(), 'jixiao-bench-api-'));
const file = join(folder, 'events.sqlite');
const config = loadConfig({ JIXIAO_DATA_DIR: folder, PORT: '0', LOG_LEVEL: 'silent' });
// Durable defaults: WAL with synchronous=FULL, so every acknowledged command is on disk.
const store = new SqliteEventStore({ file });
const midYear = () => new Date(midYearIso);
// The read models run in-process, as under npm start, so their projection work is part of what is measured.
const readModels = await openReadModels(config, store, midYear);
const app = await createApp({ config, store, readModels, clock: midYear, logger: false });
await app.listen(0, '127.0.0.1');
const tokens = new AccessTokens(store, midYear);
const ready: ServerReady = {
  url: await app.getUrl(),
  departmentToken: (await tokens.issue({ role: 'department', department, label: 'bench', issuedTo: 'bench:api' }, 'bench')).token,
  financeToken: (await tokens.issue({ role: 'finance', label: 'bench', issuedTo: 'bench:api' }, 'bench')).token,
  file,
};
process.send!({ kind: 'ready', ready });

process.on('message', async (message: { kind: string }) => {
  if (message.kind !== 'stop') return;
  await app.close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
  process.disconnect();
});
