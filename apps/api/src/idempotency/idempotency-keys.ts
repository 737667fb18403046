import { createHash } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore } from '@jixiao/event-store';
import { stringify } from 'safe-stable-stringify';
import { v7 as uuidv7 } from 'uuid';
import { problem } from '../http/problem.js';

/** The first answer to a keyed request, replayed to every retry with the same body. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

interface Recorded {
  readonly bodyHash: string;
  readonly response: RecordedResponse;
}

/**
 * Idempotency-Key bookkeeping, kept in the event store itself (one small stream per
 * caller and key) so it works on every adapter and survives restarts.
 *
 * Only a success is recorded: a refused command writes nothing at all, and running it
 * again meets the same rule. Two concurrent requests with one key cannot both write,
 * because the command's event ids derive from the key (the store keeps the first);
 * the first to record its response wins and the other replays it.
 */
export class IdempotencyKeys {
  constructor(private readonly store: EventStore) {}

  static bodyHash(method: string, url: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${url}\n${stringify(body ?? null)}`).digest('hex');
  }

  /** The response recorded for this key, if any; 422 when the key came with another body. */
  async recorded(principalId: string, key: string, bodyHash: string): Promise<RecordedResponse | undefined> {
    const stream = streamFor(principalId, key);
    if ((await this.store.streamRevision(stream)) === undefined) return undefined;
    for await (const event of this.store.readStream(stream, { maxCount: 1 })) {
      const recorded = event.data as unknown as Recorded;
      if (recorded.bodyHash !== bodyHash) {
        throw problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request body');
      }
      return recorded.response;
    }
    return undefined;
  }

  /** Records the first response; if a concurrent request with the key recorded first, returns that one instead. */
  async record(principalId: string, key: string, bodyHash: string, response: RecordedResponse): Promise<RecordedResponse> {
    const recorded: Recorded = { bodyHash, response };
    try {
      await this.store.append(
        streamFor(principalId, key),
        [{ id: uuidv7(), type: 'IdempotentResponseRecorded', schemaVersion: 1, data: { ...recorded }, metadata: { principalId } }],
        'no_stream',
      );
      return response;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      return (await this.recorded(principalId, key, bodyHash)) ?? response;
    }
  }
}

const streamFor = (principalId: string, key: string) =>
  `idempotency-${createHash('sha256').update(`${principalId}\n${key}`).digest('hex').slice(0, 40)}`;
