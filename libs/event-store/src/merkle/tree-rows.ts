import { eventLeafData, type Frontier, type NewNode, type TreeHasher } from '@jixiao/transparency';
import type { StoredEvent } from '../port/event-store.js';

/**
 * Advances a frontier by events in position order and returns every node they add
 * (leaves and completed subtrees), for the adapter to insert in the same transaction
 * as the events. Dense positions (SQL stores) are asserted: leaf i is position i + 1.
 */
export function treeRowsFor(frontier: Frontier, hasher: TreeHasher, events: readonly StoredEvent[], dense = true): NewNode[] {
  const nodes: NewNode[] = [];
  for (const event of events) {
    if (dense && event.position !== frontier.size + 1) {
      throw new Error(`Merkle tree out of step: leaf ${frontier.size} would be position ${event.position}`);
    }
    for (const node of frontier.append(hasher.leaf(eventLeafData(event)))) nodes.push(node);
  }
  return nodes;
}
