/**
 * Child process for the crash test: runs the ledger projection slowly over a store so
 * the parent can SIGKILL it in the middle of a batch.
 */
import { SqliteEventStore } from '@jixiao/event-store';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { ledgerProjection } from './ledger.projection.js';

const [storeFile, readModelFile] = process.argv.slice(2);
const store = new SqliteEventStore({ file: storeFile! });
const db = new SqliteReadModelDatabase(readModelFile!);
const runner = new ProjectionRunner(store, db, [ledgerProjection(1, 2)], { batchSize: 50 });
await runner.prepare();
process.send?.('ready');
await runner.catchUp();
process.send?.('done');
