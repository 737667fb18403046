import type { Command } from 'commander';
import type { EventStore } from '@jixiao/event-store';
import { loadConfig } from '@jixiao/application';
import { loadTransparencyConfig } from '@jixiao/application';
import { auditCheck } from './audit-check.js';
import { auditCheckpoint, auditCosign, auditPublicKey, auditRotateKey, auditWitnesses, auditWitnessKey } from './audit-keys.js';
import { processOutput } from './output.js';

const clock = () => new Date();
const many = (value: string, previous: string[] = []) => [...previous, value];

/** npm run cli -- audit <command>: the Merkle log's checkpoints, keys, co-signatures and the offline verifier. */
export function addAuditCommands(program: Command, withStore: <T>(work: (store: EventStore) => Promise<T>) => Promise<T>): void {
  const audit = program.command('audit').description('the Merkle log: checkpoints, keys, witnesses, and the offline verifier');
  const transparency = () => loadTransparencyConfig(loadConfig());

  audit
    .command('check')
    .description('verify offline, from files alone: checkpoint signatures, every exported event\'s inclusion, consistency; exits 1 on a failure')
    .requiredOption('--checkpoint <file>', 'a saved checkpoint (or GET /audit/checkpoints answer); repeat for several', many)
    .option('--export <file>', 'the NDJSON export saved with the checkpoint')
    .option('--against <file>', 'today\'s export: names the first position that differs from --export')
    .option('--consistency <file>', 'a consistency proof from GET /audit/proofs/consistency; repeatable', many)
    .option('--trusted-key <keyId>', 'the key id the audit office trusts (default: the smallest checkpoint\'s)')
    .action(async (options: { checkpoint: string[]; export?: string; against?: string; consistency?: string[]; trustedKey?: string }) => {
      const report = await auditCheck(options, processOutput);
      if (!report.ok) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description('sign and record a checkpoint of the tree as it stands now')
    .option('--out <file>', 'write the checkpoint to a file (keep it in the working papers)')
    .action(async (options: { out?: string }) => {
      await withStore((store) => auditCheckpoint(store, transparency(), clock, processOutput, options.out));
    });

  audit
    .command('public-key')
    .description('print the installation\'s checkpoint signing key (creates the key file on first use)')
    .action(() => auditPublicKey(transparency(), clock, processOutput));

  audit
    .command('rotate-key')
    .description('announce a new signing key in a checkpoint signed by the current one, then switch to it')
    .action(async () => {
      await withStore((store) => auditRotateKey(store, transparency(), clock, processOutput));
    });

  audit
    .command('witness-key')
    .description('make a key pair for an audit office (a witness) in a new file')
    .requiredOption('--out <file>', 'where the audit office keeps it')
    .action((options: { out: string }) => auditWitnessKey(options.out, clock, processOutput));

  audit
    .command('cosign')
    .description('co-sign a verified checkpoint with an audit office\'s key; POST the output to /api/v1/audit/cosignatures')
    .requiredOption('--checkpoint <file>', 'the checkpoint')
    .requiredOption('--key <file>', 'the audit office\'s key file (audit witness-key)')
    .requiredOption('--witness <name>', 'the audit office\'s name')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { checkpoint: string; key: string; witness: string; out?: string }) => {
      await auditCosign(options, clock, processOutput);
    });

  audit
    .command('witnesses')
    .description('which checkpoints each audit office has co-signed')
    .action(async () => {
      await withStore((store) => auditWitnesses(store, processOutput));
    });
}
