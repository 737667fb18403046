/**
 * Wakes live subscribers when this process appends. A generation counter closes the
 * race between "read to the end" and "start waiting": a waiter that saw generation g
 * returns at once if an append has happened since. Appends by other processes are
 * picked up by the poll interval.
 */
export class AppendNotifier {
  private generation = 0;
  private waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(seenGeneration: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (seenGeneration !== this.generation || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
