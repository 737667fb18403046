import { createHash } from 'node:crypto';
import { WrongExpectedRevisionError, type EventStore, type StoredEvent } from '@jixiao/event-store';
import { stringify } from 'safe-stable-stringify';
import { v7 as uuidv7 } from 'uuid';
import { problem } from '../http/problem.js';

/** The first answer to a keyed request, replayed to every retry with the same body. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Claim = { kind: 'new'; release(): Promise<void>; complete(response: RecordedResponse): Promise<void> } | { kind: 'replay'; response: RecordedResponse };

/**
 * Idempotency-Key bookkeeping, kept in the event store itself (one small stream per
 * caller and key) so it works on every adapter and survives restarts. A claim is an
 * append with "no stream" expected: of two concurrent requests with one key, exactly
 * one runs. A request that fails releases its claim, since a refused command wrote nothing.
 */
export class IdempotencyKeys {
  constructor(private readonly store: EventStore) {}

  static bodyHash(method: string, url: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${url}\n${stringify(body ?? null)}`).digest('hex');
  }

  async claim(principalId: string, key: string, bodyHash: string): Promise<Claim> {
    const stream = `idempotency-${createHash('sha256').update(`${principalId}\n${key}`).digest('hex').slice(0, 40)}`;
    const history = await this.read(stream);
    const last = history.at(-1);
    if (last && last.type !== 'IdempotencyKeyReleased') {
      if (last.data['bodyHash'] !== bodyHash) {
        throw problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request body');
      }
      if (last.type === 'IdempotentResponseRecorded') {
        return { kind: 'replay', response: last.data['response'] as RecordedResponse };
      }
      throw problem(409, 'idempotency-key-in-progress', 'Request in progress', 'A request with this Idempotency-Key is still being processed');
    }
    let revision = last?.revision ?? ('no_stream' as const);
    const append = async (type: string, data: Record<string, unknown>) => {
      const result = await this.store.append(stream, [{ id: uuidv7(), type, schemaVersion: 1, data: { bodyHash, ...data }, metadata: { principalId } }], revision);
      revision = result.nextExpectedRevision;
    };
    try {
      await append('IdempotencyKeyClaimed', {});
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return this.claim(principalId, key, bodyHash);
      throw error;
    }
    return {
      kind: 'new',
      release: () => append('IdempotencyKeyReleased', {}),
      complete: (response) => append('IdempotentResponseRecorded', { response }),
    };
  }

  private async read(stream: string): Promise<StoredEvent[]> {
    if ((await this.store.streamRevision(stream)) === undefined) return [];
    const events: StoredEvent[] = [];
    for await (const event of this.store.readStream(stream)) events.push(event);
    return events;
  }
}
