import type { Command } from 'commander';
import { loadConfig } from '@jixiao/application';
import { backupDataFolder } from './commands/backup.js';
import { processOutput, UsageError } from './commands/output.js';
import { restoreBackup } from './commands/restore-backup.js';

/** The operator's store commands that work on the data folder itself rather than through the store port. */
export function registerStoreOperations(program: Command): void {
  const embeddedOnly = (what: string) => {
    const config = loadConfig();
    if (config.store !== 'sqlite') {
      throw new UsageError(`${what} copies the embedded SQLite data folder; with STORE=${config.store} use pg_dump / pg_restore (see README, "Backup")`);
    }
    return config;
  };

  program
    .command('backup')
    .description('online backup of the SQLite data folder while the api runs: every database through VACUUM INTO, every other file (keys) copied, manifest last')
    .argument('<dir>', 'a new or empty folder')
    .action(async (dir: string) => {
      await backupDataFolder(embeddedOnly('backup').dataDir, dir, processOutput);
    });

  program
    .command('restore-backup')
    .description('put a backup in place as the (new, empty) data folder, after checking its manifest, every database and the hash chains')
    .argument('<dir>', 'a folder written by backup')
    .action(async (dir: string) => {
      await restoreBackup(dir, embeddedOnly('restore-backup').dataDir, processOutput);
    });
}
