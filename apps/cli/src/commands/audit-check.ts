import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { eventHash, genesisHash } from '@jixiao/event-store';
import {
  checkSignatures,
  firstDifference,
  parseCheckpoint,
  treeHasher,
  verifyConsistency,
  verifyExport,
  type Checkpoint,
  type LeafEvent,
} from '@jixiao/transparency';
import { UsageError, type Output } from './output.js';

export interface AuditCheckOptions {
  /** Checkpoint files: one checkpoint each, or a saved GET /audit/checkpoints answer. */
  readonly checkpoint: readonly string[];
  /** An NDJSON export (npm run cli -- export, or GET /audit/export) saved with the checkpoint. */
  readonly export?: string;
  /**
   * Today's export, compared leaf by leaf with --export to name the first rewritten
   * position, up to the largest checkpoint given (what the checkpoints vouch for).
   */
  readonly against?: string;
  /** Consistency proofs as GET /audit/proofs/consistency serves them. */
  readonly consistency?: readonly string[];
  /** Pin the first trusted key by id; default: the key of the smallest checkpoint. */
  readonly trustedKey?: string;
}

export interface AuditCheckReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** The first position at which --export and --against differ, when they do. */
  readonly firstDifferingPosition?: number;
}

/**
 * The offline verifier: checkpoint signatures (and key rotations), the inclusion of
 * every exported event (its chain hash, its leaf, and the root at each checkpoint's
 * size), and the consistency of later checkpoints with earlier ones, from files alone:
 * no database, no running api.
 */
export async function auditCheck(options: AuditCheckOptions, out: Output): Promise<AuditCheckReport> {
  if (options.checkpoint.length === 0) throw new UsageError('give at least one --checkpoint');
  const checkpoints = options.checkpoint.flatMap(readCheckpoints);
  const problems: string[] = [];
  const fail = (text: string) => {
    problems.push(text);
    out.line(`FAIL ${text}`);
  };

  for (const f of await checkSignatures(checkpoints, options.trustedKey)) {
    const what = `checkpoint ${f.treeSize} (key ${f.keyId})`;
    if (!f.signatureValid) fail(`${what}: signature does not verify`);
    else if (!f.keyTrusted) fail(`${what}: signed by a key no trusted checkpoint announced`);
    else out.line(`ok   ${what}: signature valid${f.cosignedBy.length ? `, co-signed by ${f.cosignedBy.join(', ')}` : ''}`);
    for (const witness of f.badCosignatures) fail(`${what}: co-signature by ${witness} does not verify`);
  }

  for (const file of options.consistency ?? []) {
    const proof = readJson(file) as { hashAlgorithm?: string; from?: number; to?: number; path?: unknown };
    const from = checkpoints.find((c) => c.treeSize === proof.from);
    const to = checkpoints.find((c) => c.treeSize === proof.to);
    if (!from || !to) {
      fail(`${file}: no checkpoint of size ${proof.from} and of size ${proof.to} among those given`);
      continue;
    }
    const path = Array.isArray(proof.path) && proof.path.every((p) => typeof p === 'string' && /^[0-9a-f]{64}$/.test(p)) ? proof.path : undefined;
    const hasher = treeHasher(to.hashAlgorithm);
    const consistent =
      path !== undefined &&
      from.hashAlgorithm === to.hashAlgorithm &&
      verifyConsistency(hasher, from.treeSize, to.treeSize, path.map((p: string) => Buffer.from(p, 'hex')), Buffer.from(from.rootHash, 'hex'), Buffer.from(to.rootHash, 'hex'));
    if (consistent) out.line(`ok   checkpoint ${to.treeSize} extends checkpoint ${from.treeSize} (consistency proof)`);
    else fail(`checkpoint ${to.treeSize} does NOT extend checkpoint ${from.treeSize}: the consistency proof fails, the log before ${from.treeSize} was rewritten`);
  }

  let firstDifferingPosition: number | undefined;
  if (options.export) {
    const report = await verifyExport(lines(options.export), checkpoints, { checkEvent: chainChecker() });
    out.line(`     export: ${report.leaves} events, ${report.hashAlgorithm} leaves`);
    if (report.firstBreak) fail(`export at leaf ${report.firstBreak.leafIndex}${report.firstBreak.position ? ` (position ${report.firstBreak.position})` : ''}: ${report.firstBreak.reason}`);
    for (const root of report.roots) {
      if (root.matches) out.line(`ok   every exported event up to ${root.treeSize} is in checkpoint ${root.treeSize} (root recomputed)`);
      else if (root.computed === undefined) out.line(`     checkpoint ${root.treeSize} is beyond the export (${report.leaves} events): not checked against it`);
      else fail(`checkpoint ${root.treeSize}: the export's root ${root.computed.slice(0, 16)}… is not the signed ${root.expected.slice(0, 16)}…`);
    }
    if (options.against) {
      const vouched = Math.max(...checkpoints.map((c) => c.treeSize));
      const difference = await firstDifference(lines(options.export), lines(options.against), report.hashAlgorithm, vouched);
      if (difference) {
        firstDifferingPosition = difference.position;
        fail(`first differing position ${difference.position} (leaf ${difference.leafIndex}): ${difference.reason}`);
      } else out.line(`ok   ${options.against} holds the same first ${vouched} events as ${options.export}`);
    }
  } else if (options.against) throw new UsageError('--against compares with --export: give both');

  out.line(problems.length === 0 ? 'audit check passed' : `audit check FAILED (${problems.length} problem(s))`);
  return { ok: problems.length === 0, problems, ...(firstDifferingPosition !== undefined ? { firstDifferingPosition } : {}) };
}

/** The stream hash chains, recomputed as the export goes (the same check as verify, from a file). */
export function chainChecker(): (event: LeafEvent) => string | undefined {
  const heads = new Map<string, { revision: number; hash: string }>();
  return (event) => {
    const previous = heads.get(event.stream);
    const expected = previous ? previous.revision + 1 : 0;
    if (event.revision !== expected) return `stream ${event.stream}: revision ${event.revision} where ${expected} was due`;
    const recomputed = eventHash(previous?.hash ?? genesisHash, event as Parameters<typeof eventHash>[1]);
    if (recomputed !== event.hash) return `stream ${event.stream} revision ${event.revision}: hash does not match the event and its predecessor`;
    heads.set(event.stream, { revision: event.revision, hash: event.hash });
    return undefined;
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

function readCheckpoints(file: string): Checkpoint[] {
  const value = readJson(file) as { checkpoints?: unknown };
  const list = Array.isArray(value?.checkpoints) ? value.checkpoints : [value];
  try {
    return list.map(parseCheckpoint);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

function lines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}
