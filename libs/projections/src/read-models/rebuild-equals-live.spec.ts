import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { projectStream, type ProjectEvent } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { run, stepsArb } from '../../../domain/src/testing/arbitrary-lifecycle.js';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * Property: whatever the interleaving of several projects' commands, and however the live
 * runner's batches fall between the appends, every read model equals a rebuild from
 * position zero. Each project's events come from the domain's lifecycle generator
 * (decided, so valid); the scheduler picks which project appends its next few events and
 * how many batches the live runner takes before the next append.
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-rebuild-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const departments = ['water-bureau', 'education-bureau'];
const tables = readModelProjections.flatMap((p) => p.tables);

/** One project's life from the generator, renamed so several can share a store. */
function projectEvents(index: number, events: readonly ProjectEvent[]): { stream: string; events: ProjectEvent[] } {
  const projectId = `p${index}`;
  return {
    stream: projectStream(projectId),
    events: events.map((e) =>
      e.type === 'ProjectProposed' ? { ...e, data: { ...e.data, projectId, department: departments[index % departments.length]! } } : e,
    ),
  };
}

async function snapshot(db: SqliteReadModelDatabase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) out[table] = (await db.all(`SELECT * FROM ${table}`)).map((row) => JSON.stringify(row)).sort();
  return out;
}

const scheduleArb = fc.array(fc.record({ project: fc.nat(), size: fc.integer({ min: 1, max: 4 }), batches: fc.nat(2) }), { minLength: 1, maxLength: 120 });

describe('read models: rebuild from zero equals the live projection', () => {
  it('holds for random interleavings of random lifecycles', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepsArb, { minLength: 1, maxLength: 4 }), scheduleArb, fc.integer({ min: 1, max: 9 }), async (lives, schedule, batchSize) => {
        const id = ++runs;
        const store = new SqliteEventStore({ file: join(folder, `events-${id}.sqlite`), durability: 'normal' });
        const live = new SqliteReadModelDatabase(':memory:');
        const fresh = new SqliteReadModelDatabase(':memory:');
        try {
          const projects = lives.map((steps, i) => ({ ...projectEvents(i, run(steps).events), appended: 0 }));
          const liveRunner = new ProjectionRunner(store, live, readModelProjections, { batchSize });
          await liveRunner.prepare();
          const append = async (p: (typeof projects)[number], size: number) => {
            const part = p.events.slice(p.appended, p.appended + size);
            if (!part.length) return;
            await store.append(
              p.stream,
              part.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: {} })),
              p.appended === 0 ? 'no_stream' : p.appended - 1,
            );
            p.appended += part.length;
          };
          for (const { project, size, batches } of schedule) {
            await append(projects[project % projects.length]!, size);
            for (let b = 0; b < batches; b++) await liveRunner.step();
          }
          for (const p of projects) await append(p, p.events.length);
          await liveRunner.catchUp();
          const rebuilt = new ProjectionRunner(store, fresh, readModelProjections, { batchSize: 1000 });
          await rebuilt.prepare();
          await rebuilt.catchUp();
          const [a, b] = [await snapshot(live), await snapshot(fresh)];
          expect(a).toEqual(b);
          return true;
        } finally {
          await live.close();
          await fresh.close();
          await store.close();
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('covers the read models with more than empty tables', async () => {
    // A guard on the property above: a deep enough lifecycle fills every read model.
    const store = new SqliteEventStore({ file: join(folder, 'coverage.sqlite'), durability: 'normal' });
    const db = new SqliteReadModelDatabase(':memory:');
    const lives = fc.sample(stepsArb, { numRuns: 30, seed: 7 });
    for (const [i, steps] of lives.entries()) {
      const { stream, events } = projectEvents(i, run(steps).events);
      if (events.length) await store.append(stream, events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: {} })), 'no_stream');
    }
    const runner = new ProjectionRunner(store, db, readModelProjections);
    await runner.prepare();
    await runner.catchUp();
    const empty = [];
    for (const table of tables) if (!(await db.get(`SELECT 1 AS x FROM ${table} LIMIT 1`))) empty.push(table);
    expect(empty).toEqual([]);
    await db.close();
    await store.close();
  });
});
