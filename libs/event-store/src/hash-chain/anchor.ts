import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { StreamNotFoundError } from '../port/errors.js';
import type { EventStore } from '../port/event-store.js';

/** Anchors live in one stream of their own. */
export const anchorStream = 'anchors';

/**
 * An anchor 锚点: one digest over every stream's head (stream, revision, hash) at a
 * global position. A hash chain shows that no event was edited or reordered; it cannot
 * show that a stream's last events were cut off, nor that a whole history was rewritten
 * with fresh hashes. An anchor can: verification recomputes the digest at the anchor's
 * position and compares. An auditor who also keeps the digest outside the system (in
 * the working papers) can prove even a rewrite of the anchors themselves.
 */
export interface Anchor {
  readonly position: number;
  readonly streams: number;
  readonly digest: string;
}

export type StreamHeads = ReadonlyMap<string, { readonly revision: number; readonly hash: string }>;

/** The digest of stream heads, in stream-name order so every reader computes the same one. */
export function anchorOf(heads: StreamHeads, position: number): Anchor {
  const hash = createHash('sha256');
  for (const stream of [...heads.keys()].sort()) {
    const head = heads.get(stream)!;
    hash.update(`${stream}\t${head.revision}\t${head.hash}\n`);
  }
  return { position, streams: heads.size, digest: hash.digest('hex') };
}

/** Records an anchor (normally the one a clean verification just computed). */
export async function recordAnchor(store: EventStore, anchor: Anchor, actor: string, recordedAt: string): Promise<void> {
  await store.append(
    anchorStream,
    [{ id: uuidv7(), type: 'AnchorRecorded', schemaVersion: 1, data: { ...anchor, recordedAt }, metadata: { actor } }],
    'any',
  );
}

/** Every anchor recorded so far, oldest first. */
export async function recordedAnchors(store: EventStore): Promise<Anchor[]> {
  const anchors: Anchor[] = [];
  try {
    for await (const event of store.readStream(anchorStream)) {
      const { position, streams, digest } = event.data as unknown as Anchor;
      anchors.push({ position, streams, digest });
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return anchors.sort((a, b) => a.position - b.position);
}
