import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, verifyCheckpointSignature } from '@jixiao/transparency';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { CheckpointScheduler, checkpointDue } from './checkpoint-schedule.js';
import { recordedCheckpoints } from './checkpoints.js';
import { merkleLogOf } from './merkle-log.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-schedule-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const policy = { everyEvents: 5, everyMinutes: 10 };
const t0 = Date.parse('2026-11-29T08:00:00.000Z');
const minutes = (m: number) => new Date(t0 + m * 60_000);

describe('checkpointDue', () => {
  const last = { treeSize: 10, issuedAt: minutes(0).toISOString(), recordedAtPosition: 11 };
  it('is due for a first checkpoint of a non-empty tree, not of an empty one', () => {
    expect(checkpointDue(policy, 1, undefined, minutes(0))).toBe(true);
    expect(checkpointDue(policy, 0, undefined, minutes(0))).toBe(false);
  });
  it('is due after N events, or after M minutes when anything besides the checkpoint itself was appended', () => {
    expect(checkpointDue(policy, 14, last, minutes(1))).toBe(false);
    expect(checkpointDue(policy, 15, last, minutes(1))).toBe(true);
    expect(checkpointDue(policy, 11, last, minutes(30))).toBe(false); // only the checkpoint's own event
    expect(checkpointDue(policy, 12, last, minutes(9))).toBe(false);
    expect(checkpointDue(policy, 12, last, minutes(10))).toBe(true);
  });
});

describe('CheckpointScheduler', () => {
  it('signs and records checkpoints by the policy, and a failing pass neither throws nor stops the next', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'schedule.sqlite') });
    let now = minutes(0);
    const errors: unknown[] = [];
    let broken = false;
    const key = generateSigningKey();
    const scheduler = new CheckpointScheduler({
      store,
      log: merkleLogOf(store)!,
      key: () => {
        if (broken) throw new Error('key file unreadable');
        return key;
      },
      origin: 'jixiao-test',
      policy,
      clock: () => now,
      pollMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const append = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => store.append(`s-${i}`, [{ id: randomUUID(), type: 'T', schemaVersion: 1, data: {}, metadata: {} }], 'any')));
    expect(await scheduler.pass()).toBe(false); // empty
    await append(3);
    expect(await scheduler.pass()).toBe(true);
    expect(await scheduler.pass()).toBe(false);
    await append(5);
    broken = true;
    expect(await scheduler.pass()).toBe(false);
    expect(errors).toEqual([expect.objectContaining({ message: 'key file unreadable' })]);
    broken = false;
    expect(await scheduler.pass()).toBe(true);
    now = minutes(11);
    expect(await scheduler.pass()).toBe(false); // nothing new but the checkpoint
    await append(1);
    expect(await scheduler.pass()).toBe(true);
    const recorded = await recordedCheckpoints(store);
    expect(recorded.map((r) => r.checkpoint.treeSize)).toEqual([3, 9, 11]);
    for (const r of recorded) expect(await verifyCheckpointSignature(r.checkpoint)).toBe(true);
    await scheduler.stop();
    await store.close();
  });
});
