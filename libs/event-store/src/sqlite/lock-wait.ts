import { StoreBusyError } from '../port/errors.js';

/** Default bound on waiting for another process's write lock, in milliseconds. */
export const defaultLockWaitMs = 2_000;

const isBusy = (error: unknown) => {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

/**
 * Runs a synchronous write (a BEGIN IMMEDIATE transaction) and, while another process
 * holds SQLite's write lock, tries again on a timer until `lockWaitMs` has passed.
 * SQLite's own busy handler sleeps inside the call, on the server's only thread, so
 * every request would wait with it; here the connection's busy_timeout stays a few
 * milliseconds and the waiting happens between turns of the event loop. When the bound
 * is reached it throws StoreBusyError; the transaction never began, so nothing was written.
 * The deadline is the earliest of the batch's appends (each gets lockWaitMs from when it
 * was submitted), so an append queued behind a waiting batch does not wait twice.
 */
export async function withWriteLock<T>(write: () => T, deadline: number, lockWaitMs: number, now: () => number = Date.now): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const left = deadline - now();
      if (left <= 0) throw new StoreBusyError(lockWaitMs);
      // Short sleeps first (a lock held for one commit), then at most 50 ms between tries.
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 50, 1 + 2 * attempt)));
    }
  }
}
