import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { EventStore } from '@jixiao/event-store';
import { loadConfig } from '@jixiao/application';
import { openReadModels } from '@jixiao/application';
import { openConfiguredStore } from '@jixiao/application';
import { exportEvents } from './commands/export.js';
import { importEvents } from './commands/import.js';
import { processOutput, UsageError } from './commands/output.js';
import { rebuild } from './commands/rebuild.js';
import { replayTimeline } from './commands/replay.js';
import { seed } from './commands/seed.js';
import { stateAsOf, type StateOptions } from './commands/state.js';
import { tokenCreate, type TokenCreateOptions } from './commands/token-create.js';
import { verify } from './commands/verify.js';
import { whatIfCommand, type WhatIfOptions } from './commands/whatif.js';

/** npm run cli -- <command>: operator tasks on the store the api is configured with (same environment). */
async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(loadConfig());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const program = new Command('jixiao').description('Jixiao 绩效 operator commands').showHelpAfterError();

program
  .command('token')
  .description('bearer tokens')
  .command('create')
  .description('issue a token into the store and print it once')
  .requiredOption('--role <role>', 'department, finance, evaluator, auditor, oversight or admin')
  .option('--department <dept>', 'the department (department role only)')
  .option('--subject <id>', 'principal id; for an evaluator, the id used in assignments')
  .option('--label <text>', 'a note on who holds the token')
  .action(async (options: TokenCreateOptions) => {
    await withStore((store) => tokenCreate(store, options, processOutput));
  });

program
  .command('verify')
  .description('walk every hash chain and every recorded anchor, report the first break; exits 1 on a break')
  .option('--record-anchor', 'when intact, record the digest of every stream head as an anchor (run it on a schedule)')
  .action(async (options: { recordAnchor?: boolean }) => {
    const report = await withStore((store) =>
      verify(store, processOutput, { progress: process.stderr.isTTY === true, recordAnchor: options.recordAnchor === true }),
    );
    if (!report.ok) process.exitCode = 1;
  });

program
  .command('replay')
  .description('a project\'s history as a readable timeline with bilingual labels (times UTC)')
  .argument('<project>', 'project id')
  .action(async (project: string) => {
    await withStore((store) => replayTimeline(store, project, processOutput));
  });

program
  .command('state')
  .description('the project as the system knew it then: events recorded at or before --as-of, or up to --revision')
  .argument('<project>', 'project id')
  .option('--as-of <time>', 'ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z or 2026-03-01T16:00:00+08:00')
  .option('--revision <n>', 'a stream revision')
  .option('--json', 'print the state as JSON')
  .action(async (project: string, options: StateOptions) => {
    await withStore((store) => stateAsOf(store, project, options, processOutput));
  });

program
  .command('rebuild')
  .description('rebuild read models from position zero (all, or the one named), with a progress bar')
  .argument('[projection]', 'projection name; all when omitted')
  .action(async (projection: string | undefined) => {
    await withStore(async (store) => {
      const readModels = await openReadModels(loadConfig(), store);
      try {
        await rebuild(readModels.runner, projection, processOutput, { progress: process.stderr.isTTY === true });
      } finally {
        await readModels.db.close();
      }
    });
  });

program
  .command('export')
  .description('NDJSON out: one line per stored event with every field (the whole store in global order, or one project)')
  .option('--project <id>', 'only this project\'s stream')
  .option('--out <file>', 'write to a file instead of stdout')
  .action(async (options: { project?: string; out?: string }) => {
    await withStore(async (store) => {
      const destination = options.out ? createWriteStream(options.out) : process.stdout;
      const count = await exportEvents(store, destination, options.project ? { project: options.project } : {});
      if (options.out) {
        destination.end();
        await once(destination, 'finish');
      }
      processOutput.error(`exported ${count} event(s)${options.out ? ` to ${options.out}` : ''}`);
    });
  });

program
  .command('import')
  .description(
    'NDJSON in (an export), idempotent by event id: each event goes into its original stream with its id; events ' +
      'already present are skipped. The target store records its own time, so it computes new hashes; the source\'s ' +
      'recordedAt, position and hash are kept in metadata.imported.',
  )
  .argument('<file>', 'an NDJSON export; - for stdin')
  .action(async (file: string) => {
    await withStore(async (store) => {
      const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
      const lines = createInterface({ input, crlfDelay: Infinity });
      const report = await importEvents(store, lines);
      processOutput.line(`imported ${report.imported}, already present ${report.alreadyPresent}`);
    });
  });

program
  .command('seed')
  .description('a realistic demo set across departments and one fiscal year, issued through the command pipeline')
  .requiredOption('--projects <n>', 'how many projects', (v) => Number(v))
  .option('--fiscal-year <year>', 'the fiscal year', (v) => Number(v), new Date().getUTCFullYear())
  .option('--seed <n>', 'seed of the generator: the same seed gives the same set', (v) => Number(v), 1)
  .action(async (options: { projects: number; fiscalYear: number; seed: number }) => {
    await withStore((store) => seed(store, { ...options, progress: process.stderr.isTTY === true }, processOutput));
  });

program
  .command('whatif')
  .description("replay a project's or a department's history through another rulebook version; writes nothing, reports what would differ")
  .option('--project <id>', 'one project')
  .option('--department <dept>', 'every project of a department')
  .requiredOption('--rulebook-version <n>', 'the rulebook version to replay under', (v) => Number(v))
  .option('--rulebook-id <id>', 'the rulebook', 'national-2020')
  .option('--as-of <instant>', 'run timers up to this instant (default now)')
  .option('--json', 'print the reports as JSON')
  .action(async (options: WhatIfOptions) => {
    await withStore((store) => whatIfCommand(store, options, processOutput));
  });

try {
  await program.parseAsync();
} catch (error) {
  // Usage mistakes get their message only; anything else keeps its stack for a bug report.
  console.error(error instanceof UsageError ? `error: ${error.message}` : error);
  process.exitCode = 2;
}
