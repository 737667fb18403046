import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { recordAnchor, recordedAnchors } from './anchor.js';
import { verifyChains } from './verify-chains.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-anchor-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const event = (i: number) => ({ id: randomUUID(), type: 'Counted', schemaVersion: 1, data: { i }, metadata: {} });

async function storeWithHistory(name: string): Promise<{ store: SqliteEventStore; file: string }> {
  const file = join(folder, `${name}.sqlite`);
  const store = new SqliteEventStore({ file });
  for (const stream of ['project-a', 'project-b', 'project-c']) {
    await store.append(stream, [event(0), event(1), event(2)], 'no_stream');
  }
  return { store, file };
}

/** Someone with the file removes the last event of a stream: every remaining chain is still intact. */
function cutOffLastEvent(file: string, stream: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER events_append_only_delete');
  db.prepare('DELETE FROM events WHERE stream = ? AND revision = (SELECT max(revision) FROM events WHERE stream = ?)').run(stream, stream);
  db.close();
}

describe('anchors', () => {
  it('gives the same digest for the same heads, and a different one when any head moves', async () => {
    const { store } = await storeWithHistory('digest');
    const first = await verifyChains(store);
    const again = await verifyChains(store);
    expect(first.anchor).toEqual({ position: 9, streams: 3, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(again.anchor).toEqual(first.anchor);
    await store.append('project-a', [event(3)], 3 - 1);
    expect((await verifyChains(store)).anchor!.digest).not.toBe(first.anchor!.digest);
    await store.close();
  });

  it('finds events cut off the end of a stream, which the hash chains alone cannot', async () => {
    const { store, file } = await storeWithHistory('cut');
    const clean = await verifyChains(store);
    await recordAnchor(store, clean.anchor!, 'auditor-1', '2026-11-27T00:00:00.000Z');
    expect(await recordedAnchors(store)).toEqual([clean.anchor]);
    await store.append('project-b', [event(3)], 2);
    expect(await verifyChains(store)).toMatchObject({ ok: true, anchorsChecked: 1 });

    cutOffLastEvent(file, 'project-c'); // position 9, inside the anchored part
    const report = await verifyChains(store);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ position: 9, reason: expect.stringMatching(/anchor recorded at position 9/) });
    expect(report.anchor).toBeUndefined();
    await store.close();
  });

  it('passes a store with no anchors, and checks every anchor recorded', async () => {
    const { store } = await storeWithHistory('many');
    for (let i = 0; i < 3; i++) {
      const { anchor } = await verifyChains(store);
      await recordAnchor(store, anchor!, 'auditor-1', '2026-11-27T00:00:00.000Z');
      await store.append('project-a', [event(3 + i)], 2 + i);
    }
    expect(await verifyChains(store)).toMatchObject({ ok: true, anchorsChecked: 3 });
    await store.close();
  });
});
