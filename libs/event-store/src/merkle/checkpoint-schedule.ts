import type { SigningKey } from '@jixiao/transparency';
import type { EventStore } from '../port/event-store.js';
import { makeCheckpoint, recordCheckpoint, recordedCheckpoints } from './checkpoints.js';
import type { MerkleLog } from './merkle-log.js';

/** When checkpoints are made without being asked (operator settings). */
export interface CheckpointPolicy {
  /** A checkpoint once the tree has grown by this many leaves since the last. */
  readonly everyEvents: number;
  /** A checkpoint once this many minutes have passed since the last, if anything was appended since. */
  readonly everyMinutes: number;
}

export interface LastCheckpoint {
  readonly treeSize: number;
  readonly issuedAt: string;
  /** Position of the event that recorded it: appends after it are news, the checkpoint's own event is not. */
  readonly recordedAtPosition: number;
}

/** Pure: is a checkpoint due for a tree of `size` leaves at `now`? */
export function checkpointDue(policy: CheckpointPolicy, size: number, last: LastCheckpoint | undefined, now: Date): boolean {
  if (!last) return size > 0;
  if (size - last.treeSize >= policy.everyEvents) return true;
  const grown = size > last.recordedAtPosition;
  return grown && now.getTime() - Date.parse(last.issuedAt) >= policy.everyMinutes * 60_000;
}

export interface CheckpointSchedulerOptions {
  readonly store: EventStore;
  readonly log: MerkleLog;
  /** Read on every signing, so a rotated key file takes effect without a restart. */
  readonly key: () => SigningKey;
  readonly origin: string;
  readonly policy: CheckpointPolicy;
  readonly clock: () => Date;
  readonly pollMs: number;
  /** A failed pass is reported here and the next pass tries again: the loop never stops on one error. */
  readonly onError: (error: unknown) => void;
}

/** Makes checkpoints by the policy, checking every `pollMs`. One pass at a time. */
export class CheckpointScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<boolean>;

  constructor(private readonly options: CheckpointSchedulerOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pass(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One check; true when it made a checkpoint. */
  pass(): Promise<boolean> {
    this.running ??= this.check()
      .catch((error) => {
        this.options.onError(error);
        return false;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async check(): Promise<boolean> {
    const { store, log, policy, clock } = this.options;
    const last = (await recordedCheckpoints(store)).at(-1);
    const lastInfo = last && { treeSize: last.checkpoint.treeSize, issuedAt: last.checkpoint.issuedAt, recordedAtPosition: last.recordedAtPosition };
    if (!checkpointDue(policy, await log.size(), lastInfo, clock())) return false;
    const checkpoint = await makeCheckpoint(log, this.options.key(), this.options.origin, clock().toISOString());
    await recordCheckpoint(store, checkpoint, 'system:checkpoint-schedule');
    return true;
  }
}
