import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { EventStore } from '@jixiao/event-store';
import { loadConfig, ProjectCommands, ProjectStates, Rulebooks } from '@jixiao/application';
import { DirectCommandDispatcher, WorkflowEngine } from '@jixiao/workflow';
import { openReadModels } from '@jixiao/application';
import { openConfiguredStore } from '@jixiao/application';
import { addAuditCommands } from './commands/audit-program.js';
import { exportEvents } from './commands/export.js';
import { mergeRechained } from './commands/merge.js';
import { processOutput, UsageError } from './commands/output.js';
import { projectionsParked, projectionsRetry } from './commands/projections.js';
import { rebuild } from './commands/rebuild.js';
import { workflowParked, workflowRetry } from './commands/workflow.js';
import { replayTimeline } from './commands/replay.js';
import { seed } from './commands/seed.js';
import { stateAsOf, type StateOptions } from './commands/state.js';
import { printStageTable } from './commands/stages.js';
import { restoreExport } from './commands/restore.js';
import { tokenCreate, tokenList, tokenRevoke, type TokenCreateOptions, type TokenSettings } from './commands/tokens.js';
import { ReadModelTokenUsage } from '@jixiao/application';
import { openReadModelDatabase } from '@jixiao/application';
import { verify } from './commands/verify.js';
import { verifyExport } from './commands/verify-export.js';
import { whatIfCommand, type WhatIfOptions } from './commands/whatif.js';
import { registerStoreOperations } from './store-operations.js';

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

/** The token commands see the configured lifetimes and the last-use ledger the api keeps. */
async function withTokens(work: (store: EventStore, settings: TokenSettings) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = await openReadModelDatabase(config);
  try {
    await withStore((store) => work(store, { lifetimeDays: config.tokenLifetimeDays, usage: new ReadModelTokenUsage(db) }));
  } finally {
    await db.close();
  }
}

const token = program.command('token').description('bearer tokens: create, list, revoke');
token
  .command('create')
  .description('issue a token into the store and print it once')
  .requiredOption('--role <role>', 'department, finance, evaluator, auditor, oversight, operator or admin')
  .requiredOption('--to <name>', 'the person or system the token is for (shown as the actor in the audit history)')
  .option('--department <dept>', 'the department (department role only)')
  .option('--subject <id>', 'principal id; for an evaluator, the id used in assignments')
  .option('--label <text>', 'a note on the token')
  .option('--days <n>', "lifetime in days (at most the role's, which is the default)")
  .action(async (options: TokenCreateOptions) => {
    await withTokens(async (store, settings) => void (await tokenCreate(store, options, processOutput, settings)));
  });
token
  .command('list')
  .description('every token without its secret: status, holder, expiry, last use')
  .action(async () => withTokens((store, settings) => tokenList(store, processOutput, settings)));
token
  .command('revoke')
  .description('revoke a token; every api process sharing the store refuses it within a second')
  .argument('<token-id>', 'the token id (from token list), never the secret')
  .option('--reason <text>', 'why, for the audit history')
  .action(async (tokenId: string, options: { reason?: string }) =>
    withTokens((store, settings) => tokenRevoke(store, tokenId, processOutput, options.reason, settings)),
  );

program
  .command('verify')
  .description('walk every hash chain and every recorded anchor, report the first break; exits 1 on a break')
  .option('--record-anchor', 'when intact, record the digest of every stream head as an anchor (run it on a schedule)')
  .option('--export <file>', 'check an NDJSON export offline instead of the store: hashes, revisions, anchors, schema versions')
  .option('--digest <hex>', 'with --export: the digest you kept from the source\'s verify; the export\'s head must match it')
  .action(async (options: { recordAnchor?: boolean; export?: string; digest?: string }) => {
    if (options.export !== undefined) {
      const checked = await verifyExport(options.export, processOutput, options.digest !== undefined ? { digest: options.digest } : {});
      if (!checked.ok) process.exitCode = 1;
      return;
    }
    const report = await withStore((store) =>
      verify(store, processOutput, { progress: process.stderr.isTTY === true, recordAnchor: options.recordAnchor === true }),
    );
    if (!report.ok) process.exitCode = 1;
  });

program
  .command('replay')
  .description('a project\'s history as a readable timeline with bilingual labels (times UTC)')
  .argument('<project>', 'project id')
  .option('--fiscal-year <year>', "only that fiscal year's events", (v) => Number(v))
  .action(async (project: string, options: { fiscalYear?: number }) => {
    if (options.fiscalYear !== undefined && !Number.isInteger(options.fiscalYear)) throw new UsageError('--fiscal-year must be a year such as 2027');
    await withStore((store) => replayTimeline(store, project, processOutput, options));
  });

program
  .command('state')
  .description('the project as the system knew it then: events recorded at or before --as-of, or up to --revision')
  .argument('<project>', 'project id')
  .option('--as-of <time>', 'ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z or 2026-03-01T16:00:00+08:00')
  .option('--revision <n>', 'a stream revision')
  .option('--json', 'print the state as JSON')
  .option('--fiscal-year <year>', "also that fiscal year's cycle as it then stood")
  .action(async (project: string, options: StateOptions) => {
    await withStore((store) => stateAsOf(store, project, options, processOutput));
  });

program
  .command('stages')
  .description('the stage × command table: which command each stage of a project accepts')
  .action(() => printStageTable(processOutput));

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

/** A workflow engine on the configured store, prepared but not started (it only lists and retries). */
async function withWorkflow<T>(work: (engine: WorkflowEngine) => Promise<T>): Promise<T> {
  return withStore(async (store) => {
    const config = loadConfig();
    const readModels = await openReadModels(config, store);
    try {
      const rulebooks = new Rulebooks(store, config.rulebookId);
      const clock = () => new Date();
      const commands = new ProjectCommands(store, new ProjectStates(store), rulebooks, clock, config.conflictRetries);
      const engine = new WorkflowEngine({ store, db: readModels.db, dispatcher: new DirectCommandDispatcher(commands), rulebook: () => rulebooks.inForce(), clock });
      await engine.prepare();
      return await work(engine);
    } finally {
      await readModels.db.close();
    }
  });
}

const workflow = program.command('workflow').description('process managers: reactions set aside after failing');
workflow
  .command('parked')
  .description('list parked reactions (a deterministic failure at once, a transient one after its tries)')
  .option('--json', 'print them as JSON')
  .action(async (options: { json?: boolean }) => {
    await withWorkflow((engine) => workflowParked(engine, processOutput, options));
  });
workflow
  .command('retry')
  .description('carry out one parked reaction again (after a fix); exits 1 when it fails again')
  .argument('<id>', 'the id workflow parked shows, <process manager>@<position>')
  .action(async (id: string) => {
    if (!(await withWorkflow((engine) => workflowRetry(engine, id, processOutput)))) process.exitCode = 1;
  });

const projections = program.command('projections').description('read models: events set aside after a projection could not apply them');
projections
  .command('parked')
  .description('list parked events by projection and position')
  .action(async () => {
    await withStore(async (store) => {
      const readModels = await openReadModels(loadConfig(), store);
      try {
        await projectionsParked(readModels.runner, processOutput);
      } finally {
        await readModels.db.close();
      }
    });
  });
projections
  .command('retry')
  .description('apply the parked events again, each key in order (all projections, or the one named); exits 1 when some still fail')
  .argument('[projection]', 'projection name')
  .action(async (name: string | undefined) => {
    await withStore(async (store) => {
      const readModels = await openReadModels(loadConfig(), store);
      try {
        if (!(await projectionsRetry(readModels.runner, name, processOutput))) process.exitCode = 1;
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
  .command('restore')
  .alias('import')
  .description(
    'an audit copy: NDJSON (an export) into an EMPTY store, keeping every id, revision, position, recordedAt and hash. ' +
      'The file is checked first (as verify --export) and refused at the first problem, naming line, stream and revision; ' +
      'nothing is written then. Exits 1 when refused.',
  )
  .argument('<file>', 'an NDJSON export')
  .action(async (file: string) => {
    const report = await withStore((store) => restoreExport(store, file, processOutput));
    if (!report.ok) process.exitCode = 1;
  });

program
  .command('merge')
  .description(
    'merge stores, RE-CHAINING: appends an export\'s events into this store (which may hold events) as new appends, ' +
      'idempotent by event id. This store records its own time and computes new hashes; the source\'s recordedAt, ' +
      'position and hash are kept in metadata.imported only. Not for audit copies: use restore.',
  )
  .argument('<file>', 'an NDJSON export; - for stdin')
  .action(async (file: string) => {
    await withStore(async (store) => {
      const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
      const lines = createInterface({ input, crlfDelay: Infinity });
      const report = await mergeRechained(store, lines);
      processOutput.line(`merged ${report.imported} (re-chained), already present ${report.alreadyPresent}`);
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

registerStoreOperations(program);
addAuditCommands(program, withStore);

try {
  await program.parseAsync();
} catch (error) {
  // Usage mistakes get their message only; anything else keeps its stack for a bug report.
  console.error(error instanceof UsageError ? `error: ${error.message}` : error);
  process.exitCode = 2;
}
