import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { treeHasher, type HashAlgorithm } from '../hash/tree-hasher.js';
import { eventLeafData, type LeafEvent } from '../leaf/event-leaf.js';
import { Frontier } from '../tree/frontier.js';

export interface ExportBreak {
  /** Leaf index (0-based order in the export). */
  readonly leafIndex: number;
  /** The event's global position, when the line had one. */
  readonly position?: number;
  readonly reason: string;
}

export interface RootCheck {
  readonly treeSize: number;
  readonly expected: string;
  /** Undefined when the export is shorter than the checkpoint. */
  readonly computed?: string;
  readonly matches: boolean;
}

export interface ExportReport {
  readonly leaves: number;
  readonly hashAlgorithm: HashAlgorithm;
  /** One per checkpoint: the root recomputed from the export's first treeSize leaves. */
  readonly roots: readonly RootCheck[];
  /** A line that is not an event, or an event that fails `checkEvent`. */
  readonly firstBreak?: ExportBreak;
}

export interface VerifyExportOptions {
  /** Extra per-event check (the CLI passes the hash-chain check); a string is the reason it fails. */
  readonly checkEvent?: (event: LeafEvent) => string | undefined;
}

/**
 * Rebuilds the Merkle tree from an NDJSON export, one leaf per line in order, and
 * compares its root at each checkpoint's size. A matching root is the inclusion of
 * every exported event up to that size at once (each leaf at its index), and proves
 * the earlier checkpoints consistent with the later ones. Needs no database: lines
 * come from a file. Stops at the first line that is not a well-formed event.
 */
export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
  checkpoints: readonly Checkpoint[],
  options: VerifyExportOptions = {},
): Promise<ExportReport> {
  const algorithms = new Set(checkpoints.map((c) => c.hashAlgorithm));
  if (algorithms.size > 1) throw new RangeError('the checkpoints use different hash algorithms');
  const hashAlgorithm: HashAlgorithm = checkpoints[0]?.hashAlgorithm ?? 'sha256';
  const hasher = treeHasher(hashAlgorithm);
  const frontier = new Frontier(hasher);
  const wanted = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) wanted.set(c.treeSize, [...(wanted.get(c.treeSize) ?? []), c]);
  const roots: RootCheck[] = [];
  const settle = (size: number) => {
    for (const c of wanted.get(size) ?? []) {
      const computed = (size === 0 ? hasher.emptyRoot() : frontier.root()).toString('hex');
      roots.push({ treeSize: size, expected: c.rootHash, computed, matches: computed === c.rootHash });
    }
    wanted.delete(size);
  };
  const report = (firstBreak?: ExportBreak): ExportReport => {
    for (const [size, list] of wanted) for (const c of list) roots.push({ treeSize: size, expected: c.rootHash, matches: false });
    roots.sort((a, b) => a.treeSize - b.treeSize);
    return { leaves: frontier.size, hashAlgorithm, roots, ...(firstBreak ? { firstBreak } : {}) };
  };

  settle(0);
  for await (const line of lines) {
    if (line.length === 0) continue;
    const leafIndex = frontier.size;
    let event: LeafEvent;
    try {
      event = asLeafEvent(JSON.parse(line));
    } catch (error) {
      return report({ leafIndex, reason: `line ${leafIndex + 1} is not an exported event: ${(error as Error).message}` });
    }
    const problem = options.checkEvent?.(event);
    if (problem) return report({ leafIndex, position: event.position, reason: problem });
    frontier.append(hasher.leaf(eventLeafData(event)));
    settle(frontier.size);
  }
  return report();
}

/** The leaf hashes of an export, in order: what `firstDifference` compares. */
export async function* exportLeafHashes(lines: AsyncIterable<string> | Iterable<string>, algorithm: HashAlgorithm): AsyncGenerator<{ hash: string; position: number }> {
  const hasher = treeHasher(algorithm);
  for await (const line of lines) {
    if (line.length === 0) continue;
    const event = asLeafEvent(JSON.parse(line));
    yield { hash: hasher.leaf(eventLeafData(event)).toString('hex'), position: event.position };
  }
}

/**
 * The first leaf at which two exports differ (an edited, removed or moved event), or
 * undefined when one is a prefix of the other. The auditor's saved export against
 * today's names the first position the operator rewrote.
 */
export async function firstDifference(
  saved: AsyncIterable<string> | Iterable<string>,
  current: AsyncIterable<string> | Iterable<string>,
  algorithm: HashAlgorithm,
  upTo = Number.POSITIVE_INFINITY,
): Promise<ExportBreak | undefined> {
  const a = exportLeafHashes(saved, algorithm)[Symbol.asyncIterator]();
  const b = exportLeafHashes(current, algorithm)[Symbol.asyncIterator]();
  for (let leafIndex = 0; leafIndex < upTo; leafIndex++) {
    const [x, y] = await Promise.all([a.next(), b.next()]);
    if (x.done) return undefined;
    if (y.done) return { leafIndex, position: x.value.position, reason: `the current log ends before leaf ${leafIndex} (position ${x.value.position})` };
    if (x.value.hash !== y.value.hash) {
      return { leafIndex, position: x.value.position, reason: `leaf ${leafIndex} (position ${x.value.position}) differs from the saved export` };
    }
  }
  return undefined;
}

function asLeafEvent(value: unknown): LeafEvent {
  const e = value as Record<string, unknown>;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new Error('not a JSON object');
  const text = ['id', 'stream', 'type', 'recordedAt', 'hash'] as const;
  for (const field of text) if (typeof e[field] !== 'string') throw new Error(`${field} must be a string`);
  for (const field of ['revision', 'position', 'schemaVersion'] as const) {
    if (!Number.isSafeInteger(e[field])) throw new Error(`${field} must be a whole number`);
  }
  if (typeof e['data'] !== 'object' || e['data'] === null) throw new Error('data must be an object');
  if (typeof e['metadata'] !== 'object' || e['metadata'] === null) throw new Error('metadata must be an object');
  return e as unknown as LeafEvent;
}
