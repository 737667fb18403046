import { Command } from 'commander';
import type { EventStore } from '@jixiao/event-store';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openConfiguredStore } from '../../api/src/store/event-store.provider.js';
import { processOutput, UsageError } from './commands/output.js';
import { tokenCreate, type TokenCreateOptions } from './commands/token-create.js';
import { verify } from './commands/verify.js';

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
  .description('walk every hash chain and report the first break; exits 1 on a break')
  .action(async () => {
    const report = await withStore((store) => verify(store, processOutput, { progress: process.stderr.isTTY === true }));
    if (!report.ok) process.exitCode = 1;
  });

try {
  await program.parseAsync();
} catch (error) {
  // Usage mistakes get their message only; anything else keeps its stack for a bug report.
  console.error(error instanceof UsageError ? `error: ${error.message}` : error);
  process.exitCode = 2;
}
