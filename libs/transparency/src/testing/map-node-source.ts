import type { TreeHasher } from '../hash/tree-hasher.js';
import { Frontier } from '../tree/frontier.js';
import type { NodeSource } from '../tree/node-source.js';
import type { NodeId } from '../tree/ranges.js';
import { nodeKey } from '../tree/ranges.js';

/** An incremental tree whose stored nodes sit in a Map: the same Frontier the stores use, without a database. */
export class MapTree implements NodeSource {
  readonly stored = new Map<number, Buffer>();
  readonly frontier: Frontier;

  constructor(readonly hasher: TreeHasher) {
    this.frontier = new Frontier(hasher);
  }

  appendData(data: Uint8Array): void {
    for (const node of this.frontier.append(this.hasher.leaf(data))) this.stored.set(node.key, node.hash);
  }

  nodes(ids: readonly NodeId[]): ReadonlyMap<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const { level, index } of ids) {
      const key = nodeKey(level, index);
      const hash = this.stored.get(key);
      if (hash) out.set(key, hash);
    }
    return out;
  }
}
