import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { eventCatalogue, projectStream, replay, upcast, type ProjectEvent } from '@jixiao/domain';
import { SqliteEventStore, verifyChains, type StoredEvent } from '@jixiao/event-store';
import { loadConfig } from '@jixiao/application';
import { openReadModels } from '@jixiao/application';
import { exportEvents } from './export.js';
import { mergeRechained } from './merge.js';
import { UsageError, type Output } from './output.js';
import { rebuild } from './rebuild.js';
import { replayTimeline } from './replay.js';
import { seed, seedDepartments } from './seed.js';
import { stateAsOf } from './state.js';

const collect = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { line: (t) => lines.push(t), error: (t) => errors.push(t) };
  return { out, lines, errors };
};

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Runs the export into memory and returns its lines. */
async function exported(store: SqliteEventStore, project?: string): Promise<{ count: number; text: string }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const count = await exportEvents(store, sink, project ? { project } : {});
  sink.end();
  return { count, text: Buffer.concat(chunks).toString('utf8') };
}

async function* linesOf(text: string): AsyncGenerator<string> {
  for (const line of text.split('\n')) yield line;
}

describe('audit and operator commands on a real SQLite store', () => {
  let folder: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-audit-'));
    store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('seed', () => {
    it('issues N projects through the domain, across departments, one fiscal year, deterministic given --seed', async () => {
      const report = await seed(store, { projects: 5, fiscalYear: 2026, seed: 42 }, collect().out);
      expect(report.projectIds).toHaveLength(5);
      const departments = new Set<string>();
      for (const id of report.projectIds) {
        const events = await all(store.readStream(projectStream(id)));
        const state = replay(events.map((e) => upcast(e) as ProjectEvent));
        expect(state).toMatchObject({ exists: true, projectId: id, fiscalYear: 2026 });
        departments.add(state.department);
        // Every event came through the executor: the api's metadata, a known type, the actor's role.
        for (const event of events) {
          expect(Object.keys(eventCatalogue)).toContain(event.type);
          expect(event.metadata).toMatchObject({
            actor: { id: expect.any(String), role: expect.stringMatching(/^(department|finance|evaluator)$/) },
            correlationId: expect.any(String),
            commandId: expect.any(String),
            commandType: expect.any(String),
            occurredAt: expect.stringMatching(/^202[67]-/),
          });
        }
        expect(events[0]!.metadata).toMatchObject({ actor: { role: 'department', department: state.department }, commandType: 'ProposeProject' });
      }
      expect(departments.size).toBe(5);
      for (const d of departments) expect(seedDepartments.map((x) => x.name)).toContain(d);
      expect(report.events).toBe(await store.headPosition());
      expect(report.commands).toBeGreaterThanOrEqual(report.events - 10);

      // The same seed in another store gives the same facts (ids and times of events aside).
      const other = new SqliteEventStore({ file: join(folder, 'other.sqlite') });
      try {
        await seed(other, { projects: 5, fiscalYear: 2026, seed: 42 }, collect().out);
        for (const id of report.projectIds) {
          const facts = async (s: SqliteEventStore) => (await all(s.readStream(projectStream(id)))).map((e) => ({ type: e.type, data: e.data }));
          expect(await facts(other)).toEqual(await facts(store));
        }
      } finally {
        await other.close();
      }
    });

    it('covers the whole lifecycle across a larger set: varied grades, cuts, rectification, accountability', async () => {
      const report = await seed(store, { projects: 36, fiscalYear: 2025, seed: 3 }, collect().out);
      const types = new Set((await all(store.readAll())).map((e) => e.type));
      for (const type of ['ProjectProposed', 'PerformanceGoalSet', 'GoalsReviewed', 'ProjectAdmitted', 'BudgetAllocated', 'ExpenditureRecorded',
        'MonitoringReadingRecorded', 'DeviationFlagged', 'DeviationExplained', 'EvaluationScored', 'BudgetCut', 'RectificationOrdered',
        'RectificationVerified', 'AccountabilityActionTaken', 'IncentiveGranted', 'ProjectClosed']) {
        expect(types).toContain(type);
      }
      expect(Object.keys(report.grades).length).toBeGreaterThanOrEqual(3);
    });

    it('refuses to seed the same --seed twice into one store', async () => {
      await seed(store, { projects: 1, fiscalYear: 2026, seed: 9 }, collect().out);
      await expect(seed(store, { projects: 1, fiscalYear: 2026, seed: 9 }, collect().out)).rejects.toThrow(/already exists/);
    });
  });

  describe('replay', () => {
    it('prints a bilingual timeline: time, revision, label, actor, key facts', async () => {
      const { projectIds: [id] } = await seed(store, { projects: 1, fiscalYear: 2026, seed: 5 }, collect().out);
      const { out, lines } = collect();
      const count = await replayTimeline(store, id!, out);
      const events = await all(store.readStream(projectStream(id!)));
      expect(count).toBe(events.length);
      expect(lines).toHaveLength(events.length + 2);
      expect(lines[1]).toMatch(/^2026-01-05 01:00 {2}#0 {2}项目已申报 ProjectProposed {2}edu-clerk {2}2026年.* · 教育局 · FY2026 · requested ¥[\d,]+\.00$/);
      const allocated = lines.find((l) => l.includes('BudgetAllocated'))!;
      expect(allocated).toMatch(/#4 {2}预算已批复 BudgetAllocated {2}finance-bureau {2}amount ¥[\d,]+\.00 · 渝财预〔2026〕\d+号/);
      expect(lines.at(-1)).toBe(`${events.length} event(s)`);
    });

    it('refuses an unknown project', async () => {
      await expect(replayTimeline(store, 'nope', collect().out)).rejects.toThrow(UsageError);
    });
  });

  describe('state', () => {
    it('as of a revision equals a replay up to it, printed readable or as JSON', async () => {
      const { projectIds: [id] } = await seed(store, { projects: 1, fiscalYear: 2026, seed: 5 }, collect().out);
      const events = await all(store.readStream(projectStream(id!)));
      const json = collect();
      const project = await stateAsOf(store, id!, { revision: '4', json: true }, json.out);
      expect(project.revision).toBe(4);
      expect(JSON.parse(json.lines.join('\n')).state).toEqual(JSON.parse(JSON.stringify(replay(events.slice(0, 5).map((e) => upcast(e) as ProjectEvent)))));
      const text = collect();
      await stateAsOf(store, id!, { revision: '4' }, text.out);
      expect(text.lines[0]).toMatch(/as of revision #4/);
      expect(text.lines.join('\n')).toMatch(/stage +执行监控中 executing and monitored/);
      // As of the recorded-at of the last event: everything.
      const latest = await stateAsOf(store, id!, { asOf: events.at(-1)!.recordedAt }, collect().out);
      expect(latest.revision).toBe(events.length - 1);
    });

    it.each([
      [{}, /exactly one/],
      [{ asOf: '2026-01-01', revision: '1' }, /exactly one/],
      [{ asOf: 'yesterday' }, /not an ISO-8601 instant/],
      // Days that do not exist are refused, not rolled over to 1 December or 2 March (issue 12).
      [{ asOf: '2026-11-31T00:00:00Z' }, /not an ISO-8601 instant/],
      [{ asOf: '2026-02-30T00:00:00Z' }, /not an ISO-8601 instant/],
      [{ revision: '-1' }, /not a whole number/],
      [{ revision: '999' }, /has no revision 999/],
      [{ asOf: '2000-01-01T00:00:00Z' }, /Nothing of project/],
    ])('refuses %j', async (options, message) => {
      const { projectIds: [id] } = await seed(store, { projects: 1, fiscalYear: 2026, seed: 5 }, collect().out);
      await expect(stateAsOf(store, id!, options, collect().out)).rejects.toThrow(message);
    });
  });

  describe('export and merge (re-chaining)', () => {
    it('round-trips into a fresh store; a second import writes nothing', async () => {
      const { projectIds } = await seed(store, { projects: 3, fiscalYear: 2026, seed: 11 }, collect().out);
      const source = await all(store.readAll());
      const { count, text } = await exported(store);
      expect(count).toBe(source.length);
      expect(text.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(source.map((e) => ({ ...e })));

      const target = new SqliteEventStore({ file: join(folder, 'target.sqlite') });
      try {
        expect(await mergeRechained(target, linesOf(text))).toEqual({ imported: source.length, alreadyPresent: 0 });
        const copied = await all(target.readAll());
        expect(copied.map(({ id, stream, revision, type, schemaVersion, data }) => ({ id, stream, revision, type, schemaVersion, data }))).toEqual(
          source.map(({ id, stream, revision, type, schemaVersion, data }) => ({ id, stream, revision, type, schemaVersion, data })),
        );
        copied.forEach((event: StoredEvent, i) => {
          const original = source[i]!;
          expect(event.metadata).toEqual({ ...original.metadata, imported: { recordedAt: original.recordedAt, position: original.position, hash: original.hash } });
        });
        expect(await verifyChains(target)).toMatchObject({ ok: true, eventsChecked: source.length });
        const head = await target.headPosition();

        expect(await mergeRechained(target, linesOf(text))).toEqual({ imported: 0, alreadyPresent: source.length });
        expect(await target.headPosition()).toBe(head);

        // One project's export is its stream alone.
        const one = await exported(store, projectIds[1]);
        const stream = source.filter((e) => e.stream === projectStream(projectIds[1]!));
        expect(one.count).toBe(stream.length);
        expect(one.text.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(stream.map((e) => e.id));
      } finally {
        await target.close();
      }
    });

    it('refuses a line that is not an exported event, naming the line', async () => {
      await expect(mergeRechained(store, linesOf('{"id":"x"}\n'))).rejects.toThrow(/line 1: not an exported event/);
      await expect(mergeRechained(store, linesOf('\nnot json'))).rejects.toThrow(/line 2: not JSON/);
      expect(await store.headPosition()).toBe(0);
    });
  });

  describe('rebuild', () => {
    it('drops a read model and rebuilds it to the head; all when none is named', async () => {
      await seed(store, { projects: 4, fiscalYear: 2026, seed: 2 }, collect().out);
      const config = loadConfig({ JIXIAO_DATA_DIR: folder, LOG_LEVEL: 'silent' });
      const readModels = await openReadModels(config, store);
      try {
        await readModels.runner.catchUp();
        const countProjects = async () => (await readModels.db.get<{ n: number }>('SELECT count(*) AS n FROM rm_projects'))!.n;
        expect(Number(await countProjects())).toBe(4);
        const head = await store.headPosition();
        // A read model gone wrong: the rebuild must bring it back from the events alone.
        await readModels.db.run('DELETE FROM rm_projects');
        expect(Number(await countProjects())).toBe(0);

        const { out, lines } = collect();
        const result = await rebuild(readModels.runner, 'projects', out);
        expect(result).toEqual({ rebuilt: ['projects'], position: head });
        expect(Number(await countProjects())).toBe(4);
        expect(lines[0]).toMatch(new RegExp(`^rebuilt projects v\\d+ to position ${head}`));

        const everything = await rebuild(readModels.runner, undefined, collect().out);
        expect(everything.rebuilt).toEqual(readModels.runner.projections.map((p) => p.name));
        expect(everything.position).toBe(head);
        await expect(rebuild(readModels.runner, 'nope', collect().out)).rejects.toThrow(/No projection "nope"/);
      } finally {
        await readModels.db.close();
      }
    });
  });
});
