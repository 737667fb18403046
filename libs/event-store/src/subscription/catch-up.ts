import type { EventStore, StoredEvent, SubscribeOptions } from '../port/event-store.js';
import type { AppendNotifier } from './append-notifier.js';

/**
 * Catch-up subscription over readAll: read from the checkpoint to the head, then wait
 * for the next append (or the poll interval) and read on. Positions grow in commit
 * order, so "after the last position delivered" delivers every event exactly once.
 */
export async function* catchUp(
  store: Pick<EventStore, 'readAll'>,
  notifier: AppendNotifier,
  options: SubscribeOptions & { pollMs?: number } = {},
): AsyncGenerator<StoredEvent> {
  let after = options.after ?? 0;
  const { signal } = options;
  while (!signal?.aborted) {
    const generation = notifier.current;
    let delivered = 0;
    for await (const event of store.readAll({ after, batchSize: options.batchSize ?? 500 })) {
      if (signal?.aborted) return;
      yield event;
      after = event.position;
      delivered++;
    }
    if (delivered === 0) await notifier.wait(generation, options.pollMs ?? 250, signal);
  }
}
