import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectDecider, projectStream, type ProjectEvent } from '@jixiao/domain';
import { eventHash, genesisHash, SqliteEventStore } from '@jixiao/event-store';
import { ctx } from '../../../domain/src/testing/fixtures.js';
import { sampleCommand } from '../../../domain/src/testing/sample-commands.js';
import { projectAsOf } from './project-as-of.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-as-of-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * A store written before recordedAt was kept monotonic: two api processes shared the data
 * folder and the one that wrote revision 1 had its clock 2 s behind. Rows are inserted
 * as that old code did, with a correct hash chain over the backwards times.
 */
function storeWithBackwardsTime(file: string, times: readonly string[]): void {
  new SqliteEventStore({ file }).close();
  const proposed = projectDecider.decide(sampleCommand.ProposeProject, projectDecider.initialState, ctx);
  if (!proposed.ok) throw new Error('sample proposal refused');
  const state = proposed.events.reduce(projectDecider.evolve, projectDecider.initialState);
  const goals = projectDecider.decide(sampleCommand.SetPerformanceGoals, state, ctx);
  if (!goals.ok) throw new Error('sample goals refused');
  const events: ProjectEvent[] = [...proposed.events, ...goals.events];
  const db = new Database(file);
  const insert = db.prepare(
    'INSERT INTO events (position, stream, revision, id, type, schema_version, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let previous = genesisHash;
  events.forEach((event, revision) => {
    const fields = {
      id: crypto.randomUUID(),
      stream: projectStream(sampleCommand.ProposeProject.projectId),
      revision,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {},
      recordedAt: times[revision]!,
    };
    previous = eventHash(previous, fields);
    insert.run(revision + 1, fields.stream, revision, fields.id, fields.type, fields.schemaVersion, JSON.stringify(fields.data), '{}', fields.recordedAt, previous);
  });
  db.close();
}

describe('projectAsOf on a stream whose recordedAt went backwards', () => {
  const file = join(folder, 'backwards.sqlite');
  const rev0 = '2026-03-01T08:00:02.000Z';
  const rev1 = '2026-03-01T08:00:00.500Z'; // 1.5 s before revision 0: the slow clock
  let store: SqliteEventStore;
  beforeAll(() => {
    storeWithBackwardsTime(file, [rev0, rev1]);
    store = new SqliteEventStore({ file });
  });
  afterAll(() => store.close());
  const id = sampleCommand.ProposeProject.projectId;

  it('knows nothing before revision 0, even at revision 1\'s own earlier time', async () => {
    const result = await projectAsOf(store, id, { asOf: '2026-03-01T08:00:01.000Z' });
    expect(result).toEqual({ kind: 'not-yet-known', firstRecordedAt: rev0 });
  });

  it('knows revision 1 from revision 0\'s time on, as the revision query does', async () => {
    const byTime = await projectAsOf(store, id, { asOf: rev0 });
    const byRevision = await projectAsOf(store, id, { revision: 1 });
    expect(byTime).toEqual(byRevision);
    expect(byTime).toMatchObject({ kind: 'found', project: { revision: 1, recordedAt: rev1, headRevision: 1 } });
  });
});
