import { verifyChains, type VerificationReport, type VerifyOptions } from '../hash-chain/verify-chains.js';
import type { EventStore } from '../port/event-store.js';
import { merkleLogOf } from './merkle-log.js';
import { verifyTree, type TreeVerification } from './verify-tree.js';

export interface LogVerificationReport extends VerificationReport {
  /** The Merkle tree check; null when the adapter keeps no tree (EventStoreDB). */
  readonly tree: TreeVerification | null;
}

/** verify: every hash chain and anchor, then the Merkle tree; ok only when both are intact. */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<LogVerificationReport> {
  const chains = await verifyChains(store, options);
  const log = merkleLogOf(store);
  const tree = log ? await verifyTree(store, log) : null;
  return { ...chains, ok: chains.ok && (tree?.ok ?? true), tree };
}
