import { CorruptEventError } from '../port/errors.js';
import type { EventStore } from '../port/event-store.js';
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
  /** The first broken place in global order, if any. */
  readonly firstBreak?: ChainBreak;
}

export interface VerifyOptions {
  /** Called every `progressEvery` events with the position reached. */
  readonly onProgress?: (position: number, head: number) => void;
  readonly progressEvery?: number;
}

/**
 * Walks every stream's hash chain in global order and stops at the first break:
 * an edited event (its hash no longer matches), a reordered or missing revision,
 * or a row that no longer parses.
 */
export async function verifyChains(
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const head = await store.headPosition();
  const heads = new Map<string, { revision: number; hash: string }>();
  const every = options.progressEvery ?? 10_000;
  let checked = 0;
  const report = (firstBreak?: ChainBreak): VerificationReport => ({
    ok: firstBreak === undefined,
    eventsChecked: checked,
    streamsChecked: heads.size,
    headPosition: head,
    ...(firstBreak ? { firstBreak } : {}),
  });

  try {
    for await (const event of store.readAll({ batchSize: 2000 })) {
      if (event.position > head) break;
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
  options.onProgress?.(head, head);
  return report();
}
