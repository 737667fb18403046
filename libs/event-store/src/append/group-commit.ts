import type { AppendResult } from '../port/event-store.js';
import type { AppendOutcome, AppendRequest } from './plan-appends.js';

interface Pending {
  readonly request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Writes a batch in one transaction and returns one outcome per request, in order. */
export type CommitBatch = (requests: readonly AppendRequest[]) => Promise<AppendOutcome[]> | AppendOutcome[];

/**
 * Group commit: appends that arrive while the event loop is busy, or while the
 * previous batch is being written, go to disk together in one transaction and one
 * sync. Each keeps its own revision check and its own result; a failure of the
 * transaction itself fails every append in it, and none of them is written.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly commit: CommitBatch,
    private readonly maxBatch = 512,
  ) {}

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every append issued in this turn of the loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.commit(batch.map((p) => p.request));
          batch.forEach((pending, i) => {
            const outcome = outcomes[i]!;
            if (outcome.ok) pending.resolve(outcome.result);
            else pending.reject(outcome.error);
          });
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
