/**
 * Stops a process in the one safe order on SIGTERM or SIGINT, then exits with code 0.
 *
 * Closers run last-registered first, like a stack: a process registers the event store,
 * then the read models, then the app, so on a signal
 * 1. the app stops taking requests and answers every request already in flight;
 * 2. the workflow and the projections stop, and the read-model database closes;
 * 3. the event store closes last, so nothing in 1 or 2 writes to a closed store.
 *
 * A signal that arrives while the process is still starting is held until `started()`,
 * so a half-opened store is never closed under a starting runner. Nest's own
 * enableShutdownHooks is not used: it re-raises the signal after closing, so the process
 * would die by SIGTERM rather than exit 0, and it cannot order the caller's store after
 * the app. A failure while stopping is printed and exits 1: an operator must see it.
 */
export class GracefulShutdown {
  private readonly closers: Array<{ name: string; close: () => Promise<void> }> = [];
  private signal: NodeJS.Signals | undefined;
  private isStarted = false;
  private stopping = false;

  constructor(private readonly log: (line: string) => void = console.log) {
    const onSignal = (signal: NodeJS.Signals) => {
      this.signal ??= signal;
      if (this.isStarted) void this.stop();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  /** Registers something to close; the last registered closes first. */
  onStop(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  /** Start-up is over: a signal that came during it is acted on now. */
  started(): void {
    this.isStarted = true;
    if (this.signal) void this.stop();
  }

  private async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.log(`${this.signal}: stopping (no new requests; those in flight are answered first)`);
    try {
      for (const closer of [...this.closers].reverse()) await closer.close();
      this.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      console.error('error while stopping', error);
      process.exit(1);
    }
  }
}
