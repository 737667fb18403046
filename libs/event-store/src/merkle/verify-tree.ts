import { Frontier, eventLeafData, nodeKey, treeHasher, type NewNode } from '@jixiao/transparency';
import { CorruptEventError } from '../port/errors.js';
import type { EventStore } from '../port/event-store.js';
import type { MerkleLog } from './merkle-log.js';

export interface TreeVerification {
  readonly ok: boolean;
  readonly hashAlgorithm: string;
  readonly treeSize: number;
  /** The root recomputed from the events, hex; present when the tree is intact. */
  readonly rootHash?: string;
  readonly leavesChecked: number;
  readonly firstBreak?: { readonly leafIndex: number; readonly position?: number; readonly reason: string };
}

/**
 * Recomputes the Merkle tree from the events, in global order, and compares every node
 * it makes (each leaf and each completed subtree) with the stored one, a batch at a
 * time, then the tree's size with the log's. An edited event, an edited node, a tree
 * behind or ahead of the log: each is named at its first leaf.
 */
export async function verifyTree(store: EventStore, log: MerkleLog, options: { batchSize?: number } = {}): Promise<TreeVerification> {
  const hasher = treeHasher(log.hashAlgorithm);
  const treeSize = await log.size();
  const frontier = new Frontier(hasher);
  const batchSize = options.batchSize ?? 2000;
  let pending: { node: NewNode; position: number }[] = [];
  const report = (firstBreak?: TreeVerification['firstBreak']): TreeVerification => ({
    ok: firstBreak === undefined,
    hashAlgorithm: log.hashAlgorithm,
    treeSize,
    ...(firstBreak ? { firstBreak } : { rootHash: frontier.root().toString('hex') }),
    leavesChecked: frontier.size,
  });
  const compare = async () => {
    const stored = await log.storedNodes(pending.map((p) => p.node));
    for (const { node, position } of pending) {
      const hash = stored.get(nodeKey(node.level, node.index));
      if (!hash || Buffer.compare(hash, node.hash) !== 0) {
        const leafIndex = node.index * 2 ** node.level;
        const what = node.level === 0 ? 'its leaf' : `the node over leaves ${leafIndex}…${leafIndex + 2 ** node.level - 1}`;
        return { leafIndex, position, reason: `${what} ${hash ? 'does not match the events' : 'is missing'}` };
      }
    }
    pending = [];
    return undefined;
  };
  try {
    for await (const event of store.readAll({ batchSize })) {
      if (frontier.size >= treeSize) {
        return report({ leafIndex: frontier.size, position: event.position, reason: `the tree ends at ${treeSize} leaves, before this event` });
      }
      for (const node of frontier.append(hasher.leaf(eventLeafData(event)))) pending.push({ node, position: event.position });
      if (pending.length >= batchSize) {
        const broken = await compare();
        if (broken) return report(broken);
      }
    }
  } catch (error) {
    if (!(error instanceof CorruptEventError)) throw error;
    return report({ leafIndex: frontier.size, position: error.position, reason: error.message });
  }
  const broken = await compare();
  if (broken) return report(broken);
  if (frontier.size < treeSize) {
    return report({ leafIndex: frontier.size, reason: `the tree has ${treeSize} leaves but the log only ${frontier.size} events` });
  }
  return report();
}
