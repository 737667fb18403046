import type { Projection } from '../runner/projection.js';

/**
 * A projection that writes one row per event, keyed by position: applying an event
 * twice fails on the primary key and skipping one leaves a hole, so it shows both.
 */
export const ledgerProjection = (version = 1, slowMs = 0): Projection => ({
  name: 'test-ledger',
  version,
  tables: ['rm_test_ledger'],
  schema: ['CREATE TABLE rm_test_ledger (position BIGINT PRIMARY KEY, stream TEXT NOT NULL, type TEXT NOT NULL, version INTEGER NOT NULL)'],
  handlers: new Proxy(
    {},
    {
      get: () => async (event: { position: number; stream: string; type: string }, tx: { run(sql: string, params: unknown[]): Promise<number> }) => {
        if (slowMs) await new Promise((resolve) => setTimeout(resolve, slowMs));
        await tx.run('INSERT INTO rm_test_ledger (position, stream, type, version) VALUES (?, ?, ?, ?)', [event.position, event.stream, event.type, version]);
      },
    },
  ) as Projection['handlers'],
});
