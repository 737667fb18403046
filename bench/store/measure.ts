export interface Measurement {
  readonly workload: string;
  readonly adapter: string;
  readonly eventsPerSec: number;
  readonly p99Ms: number | null;
  readonly baseline: string | null;
  readonly baselineEventsPerSec: number | null;
}

/** Runs `operation` and returns events per second, given how many events it handled. */
export async function rate(events: number, operation: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await operation();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(events / seconds);
}

export function percentile(samplesMs: number[], p: number): number {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 100) / 100;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
