import { CorruptEventError } from '../port/errors.js';
import type { EventStore } from '../port/event-store.js';
import { anchorOf, recordedAnchors, type Anchor } from './anchor.js';
import { eventHash, genesisHash } from './event-hash.js';

export interface ChainBreak {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly reason: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly headPosition: number;
  /** Recorded anchors whose digest was recomputed and matched. */
  readonly anchorsChecked: number;
  /** The first broken place in global order, if any. */
  readonly firstBreak?: ChainBreak;
  /** The digest of every stream head at headPosition, when the chains are intact: record it, or keep it outside. */
  readonly anchor?: Anchor;
}

export interface VerifyOptions {
  /** Called every `progressEvery` events with the position reached. */
  readonly onProgress?: (position: number, head: number) => void;
  readonly progressEvery?: number;
}

/**
 * Walks every stream's hash chain in global order and stops at the first break:
 * an edited event (its hash no longer matches), a reordered or missing revision,
 * a row that no longer parses, or a recorded anchor whose digest no longer matches
 * the stream heads at its position (events cut off or a history rewritten).
 */
export async function verifyChains(store: EventStore, options: VerifyOptions = {}): Promise<VerificationReport> {
  const head = await store.headPosition();
  const anchors = (await recordedAnchors(store)).filter((a) => a.position <= head);
  const heads = new Map<string, { revision: number; hash: string }>();
  const every = options.progressEvery ?? 10_000;
  let checked = 0;
  let anchorsChecked = 0;
  let lastPosition = 0;
  const report = (firstBreak?: ChainBreak): VerificationReport => ({
    ok: firstBreak === undefined,
    eventsChecked: checked,
    streamsChecked: heads.size,
    headPosition: head,
    anchorsChecked,
    ...(firstBreak ? { firstBreak } : { anchor: anchorOf(heads, head) }),
  });
  /** Compares every anchor whose position the walk has passed; the first mismatch is the break. */
  const checkAnchorsBefore = (position: number): ChainBreak | undefined => {
    while (anchorsChecked < anchors.length && anchors[anchorsChecked]!.position < position) {
      const anchor = anchors[anchorsChecked]!;
      const now = anchorOf(heads, anchor.position);
      if (now.digest !== anchor.digest) {
        return {
          position: anchor.position,
          stream: '(all streams)',
          revision: -1,
          reason: `anchor recorded at position ${anchor.position} (${anchor.streams} streams) no longer matches: ` +
            `${now.streams} streams now digest to ${now.digest.slice(0, 12)}…, not ${anchor.digest.slice(0, 12)}…`,
        };
      }
      anchorsChecked++;
    }
    return undefined;
  };

  try {
    for await (const event of store.readAll({ batchSize: 2000 })) {
      if (event.position > head) break;
      const anchorBreak = checkAnchorsBefore(event.position);
      if (anchorBreak) return report(anchorBreak);
      const previous = heads.get(event.stream);
      const expectedRevision = previous ? previous.revision + 1 : 0;
      const at = { position: event.position, stream: event.stream, revision: event.revision };
      if (event.revision !== expectedRevision) {
        return report({ ...at, reason: `revision ${event.revision} follows ${expectedRevision - 1}` });
      }
      const recomputed = eventHash(previous?.hash ?? genesisHash, event);
      if (recomputed !== event.hash) {
        return report({ ...at, reason: 'hash does not match the event and its predecessor' });
      }
      heads.set(event.stream, { revision: event.revision, hash: event.hash });
      lastPosition = event.position;
      checked++;
      if (options.onProgress && checked % every === 0) options.onProgress(event.position, head);
    }
  } catch (error) {
    if (error instanceof CorruptEventError) {
      const { position, stream, revision } = error;
      return report({ position, stream, revision, reason: error.message });
    }
    throw error;
  }
  const anchorBreak = checkAnchorsBefore(Math.max(head, lastPosition) + 1);
  if (anchorBreak) return report(anchorBreak);
  options.onProgress?.(head, head);
  return report();
}
