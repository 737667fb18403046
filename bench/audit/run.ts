import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SqliteEventStore, makeCheckpoint, merkleLogOf, recordCheckpoint, type NewEvent } from '@jixiao/event-store';
import { generateSigningKey, verifyExport, type Checkpoint } from '@jixiao/transparency';
import { chainChecker } from '../../apps/cli/src/commands/audit-check.js';
import { exportEvents } from '../../apps/cli/src/commands/export.js';
import { elapsedMs, percentile } from '../store/measure.js';
import { readingEvent, streamName } from '../store/workload.js';

/*
 * npm run bench:audit: the Merkle log at 1,000,000 events (JIXIAO_BENCH_AUDIT_EVENTS
 * scales it), on SQLite. Fixed workloads:
 *   build     1,000,000 reading events, 1,000 streams, 500 events per append (not timed as a target);
 *   proofs    2,000 inclusion proofs and 2,000 consistency proofs at random sizes/indices (seeded);
 *   checkpoint 200 checkpoints made (size, root, Ed25519 signature) and 50 also recorded;
 *   verifier  the offline verifier over the NDJSON export of the whole store (chains + leaves + root);
 *   append    10,000 single-event durable appends and 100,000 events in appends of 100,
 *             each with the tree kept and without it, in the same run, on fresh files.
 */

const total = Number(process.env['JIXIAO_BENCH_AUDIT_EVENTS'] ?? 1_000_000);
const folder = mkdtempSync(join(tmpdir(), 'jixiao-bench-audit-'));
// The fixed workload writes audit.json; a scaled run writes beside it, never over it.
const resultsFile = total === 1_000_000 ? 'bench/results/audit.json' : `bench/results/audit-${total}.json`;

/** A small seeded generator (mulberry32), so every run asks for the same proofs. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const revisions = new Map<number, number>();
function batch(streamIndex: number, size: number): NewEvent[] {
  const start = revisions.get(streamIndex) ?? 0;
  revisions.set(streamIndex, start + size);
  return Array.from({ length: size }, (_, i) => readingEvent(streamIndex, start + i));
}

async function build(store: SqliteEventStore): Promise<number> {
  const started = process.hrtime.bigint();
  const perAppend = 500;
  let written = 0;
  let s = 0;
  while (written < total) {
    const size = Math.min(perAppend, total - written);
    // Eight appends in flight: group commit takes them in one transaction.
    const inFlight = [];
    for (let k = 0; k < 8 && written < total; k++) {
      const n = Math.min(size, total - written);
      inFlight.push(store.append(streamName(s % 1000), batch(s % 1000, n), 'any'));
      written += n;
      s++;
    }
    await Promise.all(inFlight);
    if (s % 200 === 0) process.stderr.write(`\rbuilt ${written}/${total}`);
  }
  process.stderr.write('\n');
  return elapsedMs(started);
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const value = await work();
  samples.push(elapsedMs(start));
  return value;
}

async function appendCost(kind: 'single' | 'batched', keepMerkleTree: boolean): Promise<number> {
  const file = join(folder, `append-${kind}-${keepMerkleTree ? 'tree' : 'plain'}.sqlite`);
  const store = new SqliteEventStore({ file, keepMerkleTree });
  const events = kind === 'single' ? 10_000 : 100_000;
  const per = kind === 'single' ? 1 : 100;
  const start = process.hrtime.bigint();
  for (let i = 0; i < events / per; i++) await store.append(streamName(i % 1000), batch(5000 + (i % 1000), per), 'any');
  const rate = Math.round(events / (elapsedMs(start) / 1000));
  await store.close();
  rmSync(file, { force: true });
  return rate;
}

async function main(): Promise<void> {
  const file = join(folder, 'audit.sqlite');
  let store = new SqliteEventStore({ file, durability: 'normal' });
  const buildMs = await build(store);
  await store.close();
  store = new SqliteEventStore({ file });
  const log = merkleLogOf(store)!;
  const size = await log.size();
  const random = seeded(18);

  const inclusion: number[] = [];
  const consistency: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const treeSize = 1 + Math.floor(random() * size);
    const leafIndex = Math.floor(random() * treeSize);
    await timed(inclusion, () => log.inclusionProof(leafIndex, treeSize));
    const to = 1 + Math.floor(random() * size);
    const from = 1 + Math.floor(random() * to);
    await timed(consistency, () => log.consistencyProof(from, to));
  }

  const key = generateSigningKey();
  const made: number[] = [];
  const recorded: number[] = [];
  let checkpoint: Checkpoint | undefined;
  for (let i = 0; i < 200; i++) checkpoint = await timed(made, () => makeCheckpoint(log, key, 'bench', new Date().toISOString()));
  for (let i = 0; i < 50; i++) {
    await timed(recorded, async () => recordCheckpoint(store, await makeCheckpoint(log, key, 'bench', new Date().toISOString()), 'bench'));
  }
  checkpoint = await makeCheckpoint(log, key, 'bench', new Date().toISOString());

  const exportFile = join(folder, 'export.ndjson');
  const out = createWriteStream(exportFile);
  const exported = await exportEvents(store, out);
  out.end();
  await once(out, 'finish');
  // The ceiling on this machine at this moment: reading the same file and JSON.parse of each line, nothing else.
  const parseStart = process.hrtime.bigint();
  for await (const line of createInterface({ input: createReadStream(exportFile, 'utf8'), crlfDelay: Infinity })) JSON.parse(line);
  const parseMs = elapsedMs(parseStart);
  const verifyStart = process.hrtime.bigint();
  const report = await verifyExport(createInterface({ input: createReadStream(exportFile, 'utf8'), crlfDelay: Infinity }), [checkpoint], {
    checkEvent: chainChecker(),
  });
  const verifyMs = elapsedMs(verifyStart);
  if (!report.roots[0]?.matches || report.firstBreak) throw new Error(`the verifier refused an honest export: ${JSON.stringify(report)}`);
  const exportBytes = statSync(exportFile).size;
  await store.close();

  const append = {
    singleDurable: { withTree: await appendCost('single', true), withoutTree: await appendCost('single', false) },
    batched100: { withTree: await appendCost('batched', true), withoutTree: await appendCost('batched', false) },
  };

  const results = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    caveat:
      'Shared 2-core development machine with several other sessions building and testing at the same time: ' +
      'figures are lower bounds and vary between runs; compare ratios taken in the same run.',
    adapter: 'sqlite',
    events: size,
    buildSeconds: Math.round(buildMs / 100) / 10,
    inclusionProofMs: { p50: percentile(inclusion, 50), p99: percentile(inclusion, 99), target: { p99: 5 } },
    consistencyProofMs: { p50: percentile(consistency, 50), p99: percentile(consistency, 99), target: { p99: 5 } },
    checkpointMs: {
      make: { p50: percentile(made, 50), p99: percentile(made, 99), max: percentile(made, 100) },
      makeAndRecord: { p50: percentile(recorded, 50), p99: percentile(recorded, 99), max: percentile(recorded, 100) },
      target: { max: 50 },
    },
    offlineVerifier: {
      events: exported,
      exportMiB: Math.round(exportBytes / 1048576),
      seconds: Math.round(verifyMs / 100) / 10,
      eventsPerSec: Math.round(exported / (verifyMs / 1000)),
      checks: 'chain hash of every event, every leaf, root at the checkpoint',
      readAndParseOnlyEventsPerSec: Math.round(exported / (parseMs / 1000)),
      target: { eventsPerSec: 100_000 },
    },
    appendEventsPerSec: {
      ...append,
      ratioSingleDurable: Math.round((append.singleDurable.withTree / append.singleDurable.withoutTree) * 100) / 100,
      ratioBatched100: Math.round((append.batched100.withTree / append.batched100.withoutTree) * 100) / 100,
      note: 'with tree ÷ without; durable (synchronous=FULL) single-event appends, and 100-event appends',
    },
  };
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
}

try {
  await main();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
