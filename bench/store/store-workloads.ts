import type { EventStore } from '@jixiao/event-store';
import { elapsedMs, percentile, rate } from './measure.js';
import { appendsPerStream, concurrentWriters, readingEvent, replayEvents, streamName, streams } from './workload.js';

export interface WorkloadFigures {
  readonly w1EventsPerSec: number;
  readonly w2EventsPerSec: number;
  readonly w2P99Ms: number;
  readonly w3EventsPerSec: number;
}

/** W1, W2 and W3 of issue 2 against one store, which must start empty. */
export async function runStoreWorkloads(store: EventStore, progress: (line: string) => void): Promise<WorkloadFigures> {
  const total = streams * appendsPerStream;

  progress(`W1 sequential: ${total} single-event appends, exact expected revision`);
  const w1EventsPerSec = await rate(total, async () => {
    for (let s = 0; s < streams; s++) {
      for (let r = 0; r < appendsPerStream; r++) {
        await store.append(`w1-${streamName(s)}`, [readingEvent(s, r)], r === 0 ? 'no_stream' : r - 1);
      }
    }
  });

  progress(`W2 concurrent: the same ${total} appends from ${concurrentWriters} writers`);
  const latencies: number[] = [];
  const w2EventsPerSec = await rate(total, async () => {
    const writer = async (w: number) => {
      for (let s = w; s < streams; s += concurrentWriters) {
        for (let r = 0; r < appendsPerStream; r++) {
          const start = process.hrtime.bigint();
          await store.append(`w2-${streamName(s)}`, [readingEvent(s, r)], r === 0 ? 'no_stream' : r - 1);
          latencies.push(elapsedMs(start));
        }
      }
    };
    await Promise.all(Array.from({ length: concurrentWriters }, (_, w) => writer(w)));
  });

  const missing = replayEvents - (await store.headPosition());
  progress(`W3 replay: seeding ${missing} more events, then reading all ${replayEvents}`);
  await seed(store, missing);
  let read = 0;
  const w3EventsPerSec = await rate(replayEvents, async () => {
    for await (const event of store.readAll({ batchSize: 1000 })) {
      if (event.position > 0) read++;
    }
  });
  if (read !== replayEvents) throw new Error(`W3 read ${read} events, expected ${replayEvents}`);

  return { w1EventsPerSec, w2EventsPerSec, w2P99Ms: percentile(latencies, 99), w3EventsPerSec };
}

/** Fills the store up to the replay size with ten-event appends, 32 at a time. */
async function seed(store: EventStore, count: number): Promise<void> {
  const appends = Math.ceil(count / appendsPerStream);
  for (let start = 0; start < appends; start += concurrentWriters) {
    const batch = [];
    for (let a = start; a < Math.min(appends, start + concurrentWriters); a++) {
      const size = Math.min(appendsPerStream, count - a * appendsPerStream);
      const events = Array.from({ length: size }, (_, r) => readingEvent(a, r));
      batch.push(store.append(`w3-${streamName(a)}`, events, 'no_stream'));
    }
    await Promise.all(batch);
  }
}
