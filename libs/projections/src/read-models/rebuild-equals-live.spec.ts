import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { projectStream, type ProjectEvent, type ResultDecision } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { run, stepsArb } from '../../../domain/src/testing/arbitrary-lifecycle.js';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { multiYearLife, type LifeEvent, type YearPlan } from '../testing/multi-year-life.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * Property: whatever the interleaving of several projects' commands, and however the live
 * runner's batches fall between the appends, every read model equals a rebuild from
 * position zero. Each project's events come from the domain's lifecycle generator
 * (decided, so valid); the scheduler picks which project appends its next few events and
 * how many batches the live runner takes before the next append. Beside them, continuing
 * projects live two to four fiscal years in one stream (CycleOpened, the cut cap applied,
 * exceptions above it), their events recording their fiscal year or not (derived then).
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-rebuild-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const departments = ['water-bureau', 'education-bureau'];
const tables = readModelProjections.flatMap((p) => p.tables);

/** One project's life from the generator, renamed so several can share a store. */
function projectEvents(index: number, events: readonly ProjectEvent[]): { stream: string; events: LifeEvent[] } {
  const projectId = `p${index}`;
  return {
    stream: projectStream(projectId),
    events: events.map((e) => ({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: (e.type === 'ProjectProposed' ? { ...e.data, projectId, department: departments[index % departments.length]! } : e.data) as unknown as Record<string, unknown>,
      metadata: {},
    })),
  };
}

/** A year of a continuing project: a grade, a decision its grade allows under practice-2027, and what follows. */
const yearPlanArb: fc.Arbitrary<YearPlan> = fc
  .record({
    grade: fc.constantFrom('excellent', 'fair', 'poor') as fc.Arbitrary<YearPlan['grade']>,
    pick: fc.nat(3),
    cut: fc.boolean(),
    rectify: fc.boolean(),
    aboveCapFen: fc.constantFrom(0, 0, 1, 2_500_000),
    documented: fc.boolean(),
  })
  .map(({ grade, pick, cut, rectify, aboveCapFen, documented }) => {
    const allowed: Record<YearPlan['grade'], ResultDecision[]> = { excellent: ['prioritise', 'maintain'], fair: ['maintain', 'reduce'], poor: ['reduce', 'adjust-use', 'suspend'] };
    const decisions = allowed[grade];
    return { grade, decision: decisions[pick % decisions.length]!, cut: grade !== 'excellent' && cut, rectify, aboveCapFen, ...(documented ? { documentNo: '渝财预〔2027〕9号' } : {}) };
  });
const continuingArb = fc.record({ plan: fc.array(yearPlanArb, { minLength: 2, maxLength: 4 }), recordYears: fc.boolean() });

/** A continuing project's life, named after the generated ones. */
function continuingEvents(index: number, life: { plan: YearPlan[]; recordYears: boolean }): { stream: string; events: LifeEvent[] } {
  const projectId = `c${index}`;
  return { stream: projectStream(projectId), events: multiYearLife(projectId, departments[index % departments.length]!, 2025, life.plan, life.recordYears).events };
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
      fc.asyncProperty(fc.array(stepsArb, { minLength: 1, maxLength: 4 }), fc.array(continuingArb, { maxLength: 2 }), scheduleArb, fc.integer({ min: 1, max: 9 }), async (lives, continuing, schedule, batchSize) => {
        const id = ++runs;
        const store = new SqliteEventStore({ file: join(folder, `events-${id}.sqlite`), durability: 'normal' });
        const live = new SqliteReadModelDatabase(':memory:');
        const fresh = new SqliteReadModelDatabase(':memory:');
        try {
          const projects = [
            ...lives.map((steps, i) => ({ ...projectEvents(i, run(steps).events), appended: 0 })),
            ...continuing.map((life, i) => ({ ...continuingEvents(i, life), appended: 0 })),
          ];
          const liveRunner = new ProjectionRunner(store, live, readModelProjections, { batchSize });
          await liveRunner.prepare();
          const append = async (p: (typeof projects)[number], size: number) => {
            const part = p.events.slice(p.appended, p.appended + size);
            if (!part.length) return;
            await store.append(
              p.stream,
              part.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: e.metadata })),
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
    // 80 lives: the generator also opens later years and sets medium-term goals, so fewer reach an override.
    const store = new SqliteEventStore({ file: join(folder, 'coverage.sqlite'), durability: 'normal' });
    const db = new SqliteReadModelDatabase(':memory:');
    const lives = [
      ...fc.sample(stepsArb, { numRuns: 80, seed: 7 }).map((steps, i) => projectEvents(i, run(steps).events)),
      ...fc.sample(continuingArb, { numRuns: 4, seed: 7 }).map((life, i) => continuingEvents(i, life)),
    ];
    for (const { stream, events } of lives) {
      if (events.length) await store.append(stream, events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: e.metadata })), 'no_stream');
    }
    const runner = new ProjectionRunner(store, db, readModelProjections);
    await runner.prepare();
    await runner.catchUp();
    const empty = [];
    for (const table of tables) if (!(await db.get(`SELECT 1 AS x FROM ${table} LIMIT 1`))) empty.push(table);
    expect(empty).toEqual([]);
    // …and the rows of several fiscal years: earlier years kept, cuts applied by a later allocation.
    expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rm_projects WHERE latest = 0'))!.n)).toBeGreaterThan(0);
    expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rm_cuts WHERE applied_fiscal_year IS NOT NULL'))!.n)).toBeGreaterThan(0);
    expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rm_dashboard WHERE continuing_allocated > 0'))!.n)).toBeGreaterThan(0);
    await db.close();
    await store.close();
  });
});
