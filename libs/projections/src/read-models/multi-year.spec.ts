import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectStream } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { SqliteReadModelDatabase } from '../database/sqlite-read-model-database.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { multiYearLife, type LifeEvent } from '../testing/multi-year-life.js';
import { accountabilityLedger } from './accountability/accountability-ledger.query.js';
import { departmentDashboard } from './dashboard/department-dashboard.query.js';
import { resultsToAllocations } from './dashboard/results-to-allocations.query.js';
import { deviationWatchlist } from './deviations/deviation-watchlist.query.js';
import { gradeDistribution, listEvaluations } from './evaluations/evaluation-results.query.js';
import { indicatorProgress } from './indicators/indicator-progress.query.js';
import { listProjects } from './projects/project-list.query.js';
import { readModelProjections } from './read-model-projections.js';

/*
 * Issue 17: a project lives three fiscal years in one stream, CycleOpened between them.
 *   w1 (water-bureau): 2026 graded 中 (fair), maintained, cut 10% of 100,000,000 = 10,000,000,
 *      rectification ordered (reported and verified in 2027); 2027 allocated 95,000,000 against
 *      a cap of 90,000,000 with a stated reason (an exception of 5,000,000) under 渝财预〔2027〕1号,
 *      graded 优, prioritised; 2028 allocated at the cap, graded 差, reduced, cut 30% of
 *      95,000,000 = 28,500,000 — not yet applied.
 *   e1 (education-bureau): a new project of 2027 only, graded 优 and maintained.
 * Every read model answers per fiscal year; the answers are the same whether each event
 * recorded its fiscal year in metadata (as the application does) or read models derive it
 * (fiscalYearAfter), as for a store written before.
 */
const folder = mkdtempSync(join(tmpdir(), 'jixiao-multi-year-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const now = new Date('2028-12-15T00:00:00Z');
const page = { limit: 100, offset: 0 };

async function project(recordYears: boolean): Promise<SqliteReadModelDatabase> {
  const store = new SqliteEventStore({ file: join(folder, `events-${recordYears}.sqlite`), durability: 'normal' });
  const lives: Array<[string, LifeEvent[]]> = [
    [
      'w1',
      multiYearLife(
        'w1',
        'water-bureau',
        2026,
        [
          { grade: 'fair', decision: 'maintain', cut: true, rectify: true },
          { grade: 'excellent', decision: 'prioritise', aboveCapFen: 5_000_000, documentNo: '渝财预〔2027〕1号' },
          { grade: 'poor', decision: 'reduce', cut: true, rectify: true },
        ],
        recordYears,
      ).events,
    ],
    ['e1', multiYearLife('e1', 'education-bureau', 2027, [{ grade: 'excellent', decision: 'maintain' }], recordYears).events],
  ];
  for (const [projectId, events] of lives) {
    await store.append(projectStream(projectId), events.map((e) => ({ id: randomUUID(), ...e, data: e.data as never })), 'no_stream');
  }
  const db = new SqliteReadModelDatabase(join(folder, `read-models-${recordYears}.sqlite`));
  const runner = new ProjectionRunner(store, db, readModelProjections, { batchSize: 7 });
  await runner.prepare();
  await runner.catchUp();
  await store.close();
  return db;
}

let db: SqliteReadModelDatabase;
let derived: SqliteReadModelDatabase;
beforeAll(async () => {
  db = await project(true);
  derived = await project(false);
});
afterAll(async () => {
  await db?.close();
  await derived?.close();
});

describe('read models of a project across fiscal years', () => {
  it('lists a continuing project in each year it lived, with that year’s stage and money; unfiltered, once, in its latest year', async () => {
    const year = async (fiscalYear: number) => (await listProjects(db, { ...page, fiscalYear })).items.map((p) => [p.projectId, p.stage, p.allocatedFen, p.grade, p.cutFen]);
    expect(await year(2026)).toEqual([['w1', 'results', 100_000_000, 'fair', 10_000_000]]);
    expect(await year(2027)).toEqual([
      ['e1', 'results', 100_000_000, 'excellent', 0],
      ['w1', 'results', 95_000_000, 'excellent', 0],
    ]);
    expect(await year(2028)).toEqual([['w1', 'results', 95_000_000, 'poor', 28_500_000]]);
    const all = await listProjects(db, page);
    expect(all.items.map((p) => [p.projectId, p.fiscalYear])).toEqual([
      ['w1', 2028],
      ['e1', 2027],
    ]);
    expect((await listProjects(db, { ...page, grade: 'fair' })).total).toBe(0);
  });

  it('counts each year’s cycle on the department dashboard and in the grade distribution', async () => {
    const water = async (fiscalYear: number) => (await departmentDashboard(db, fiscalYear, 'water-bureau'))[0];
    expect(await water(2026)).toMatchObject({ projects: 1, requestedFen: 100_000_000, allocatedFen: 100_000_000, spentFen: 100_000_000, cutFen: 10_000_000, grades: { fair: 1, excellent: 0, poor: 0 } });
    expect(await water(2027)).toMatchObject({ projects: 1, allocatedFen: 95_000_000, spentFen: 95_000_000, cutFen: 0, grades: { fair: 0, excellent: 1, poor: 0 } });
    expect(await water(2028)).toMatchObject({ projects: 1, allocatedFen: 95_000_000, cutFen: 28_500_000, grades: { excellent: 0, poor: 1 } });
    expect((await water(2027))!.indicators).toEqual({ total: 5, withReading: 1, metOrOnTrack: 1 });
    expect(await gradeDistribution(db, 2027)).toEqual([
      { department: 'education-bureau', fiscalYear: 2027, grades: { excellent: 1, good: 0, fair: 0, low: 0, poor: 0 }, evaluated: 1 },
      { department: 'water-bureau', fiscalYear: 2027, grades: { excellent: 1, good: 0, fair: 0, low: 0, poor: 0 }, evaluated: 1 },
    ]);
    expect((await listEvaluations(db, { ...page, fiscalYear: 2026 })).items.map((e) => [e.projectId, e.evaluationId, e.fiscalYear, e.grade])).toEqual([['w1', 'eval-2026', 2026, 'fair']]);
  });

  it('keeps each year’s indicators: the year in force by default, an earlier one when asked', async () => {
    const current = await indicatorProgress(db, 'w1', now);
    expect([current?.fiscalYear, current?.indicators.length, current?.indicators[0]?.latestReading?.readingId]).toEqual([2028, 5, 'r-2028']);
    const first = await indicatorProgress(db, 'w1', now, 2026);
    expect([first?.fiscalYear, first?.indicators[0]?.latestReading?.readingId, first?.timeProgress]).toEqual([2026, 'r-2026', 1]);
    expect((await indicatorProgress(db, 'e1', now, 2026))?.indicators).toEqual([]);
  });

  it('leads each cut from its decision to the allocation that applied it, with the exception above the cap', async () => {
    const decided2026 = await accountabilityLedger(db, { ...page, fiscalYear: 2026 }, now);
    expect(decided2026.cuts).toMatchObject({ total: 1, totalFen: 10_000_000, appliedFen: 10_000_000, notYetAppliedFen: 0 });
    expect(decided2026.cuts.items[0]).toMatchObject({
      projectId: 'w1',
      cutId: 'cut-2026',
      fiscalYear: 2026,
      cause: { kind: 'evaluation', id: 'eval-2026', evaluation: { grade: 'fair' } },
      grade: 'fair',
      rulebook: { id: 'practice-2027', version: 1 },
      baseFen: 100_000_000,
      proportion: 0.1,
      amountFen: 10_000_000,
      applied: {
        fiscalYear: 2027,
        allocatedFen: 95_000_000,
        capFen: 90_000_000,
        documentNo: '渝财预〔2027〕1号',
        appliedAt: '2027-01-15T00:00:00.000Z',
        exception: { reason: 'Flood repairs cannot wait', aboveCapFen: 5_000_000 },
      },
    });
    expect(decided2026.exceptions).toEqual({
      total: 1,
      aboveCapFen: 5_000_000,
      items: [
        {
          projectId: 'w1', department: 'water-bureau', title: 'water-bureau continuing project', fiscalYear: 2027, fromFiscalYear: 2026,
          capFen: 90_000_000, allocatedFen: 95_000_000, aboveCapFen: 5_000_000, reason: 'Flood repairs cannot wait',
          cutIds: ['cut-2026'], cutTotalFen: 10_000_000, documentNo: '渝财预〔2027〕1号', appliedAt: '2027-01-15T00:00:00.000Z',
        },
      ],
    });
    // The rectification stays in the year it was ordered, verified in the next.
    expect(decided2026.rectifications.items.map((r) => [r.rectificationId, r.fiscalYear, r.status])).toEqual([['rect-2026', 2026, 'verified']]);

    const applied2027 = await accountabilityLedger(db, { ...page, appliedInFiscalYear: 2027 }, now);
    expect(applied2027.cuts.items.map((c) => c.cutId)).toEqual(['cut-2026']);
    expect(applied2027.exceptions.items.map((x) => x.fiscalYear)).toEqual([2027]);
    expect((await accountabilityLedger(db, { ...page, appliedInFiscalYear: 2028 }, now)).cuts.total).toBe(0);

    const decided2028 = await accountabilityLedger(db, { ...page, fiscalYear: 2028 }, now);
    expect(decided2028.cuts).toMatchObject({ total: 1, totalFen: 28_500_000, appliedFen: 0, notYetAppliedFen: 28_500_000 });
    expect(decided2028.cuts.items[0]).toMatchObject({ cutId: 'cut-2028', grade: 'poor', applied: null });
    expect(decided2028.exceptions.total).toBe(0);
  });

  it('sets each department’s year-N results beside its year-N+1 allocations', async () => {
    expect(await resultsToAllocations(db, 2026)).toEqual([
      {
        department: 'water-bureau',
        results: {
          fiscalYear: 2026,
          projects: 1,
          evaluated: 1,
          grades: { excellent: 0, good: 0, fair: 1, low: 0, poor: 0 },
          decisions: { prioritise: 0, maintain: 1, suspend: 0, cancel: 0, reduce: 0, 'adjust-use': 0 },
          cutsDecided: 1,
          cutsDecidedFen: 10_000_000,
        },
        allocations: {
          fiscalYear: 2027,
          allocatedFen: 95_000_000,
          continuing: 1,
          continuingAllocated: 1,
          continuingAllocatedFen: 95_000_000,
          capFen: 90_000_000,
          cutsAppliedFen: 10_000_000,
          cutsNotYetAppliedFen: 0,
          exceptions: { count: 1, aboveCapFen: 5_000_000 },
        },
      },
    ]);
    const after2027 = await resultsToAllocations(db, 2027);
    expect(after2027.map((r) => [r.department, r.results.decisions.prioritise, r.results.decisions.maintain, r.allocations.continuing, r.allocations.capFen, r.allocations.exceptions.count])).toEqual([
      ['education-bureau', 0, 1, 0, 0, 0],
      ['water-bureau', 1, 0, 1, 95_000_000, 0],
    ]);
    const after2028 = await resultsToAllocations(db, 2028, 'water-bureau');
    expect(after2028.map((r) => [r.results.decisions.reduce, r.results.cutsDecidedFen, r.allocations.continuing, r.allocations.cutsNotYetAppliedFen])).toEqual([[1, 28_500_000, 0, 28_500_000]]);
  });

  it('answers the same when events do not record their fiscal year and read models derive it', async () => {
    const answers = async (rm: SqliteReadModelDatabase) => ({
      projects: await Promise.all([2026, 2027, 2028].map((fiscalYear) => listProjects(rm, { ...page, fiscalYear }))),
      latest: await listProjects(rm, page),
      dashboards: await Promise.all([2026, 2027, 2028].map((y) => departmentDashboard(rm, y))),
      comparisons: await Promise.all([2026, 2027, 2028].map((y) => resultsToAllocations(rm, y))),
      grades: await Promise.all([2026, 2027, 2028].map((y) => gradeDistribution(rm, y))),
      evaluations: await listEvaluations(rm, page),
      deviations: await deviationWatchlist(rm, page, now),
      ledgers: await Promise.all([2026, 2027, 2028].map((y) => accountabilityLedger(rm, { ...page, fiscalYear: y }, now))),
      indicators: await Promise.all([2026, 2027, 2028].map((y) => indicatorProgress(rm, 'w1', now, y))),
    });
    const recorded = await answers(db);
    expect(await answers(derived)).toEqual(recorded);
    expect(recorded.comparisons[0]![0]!.allocations.cutsAppliedFen).toBe(10_000_000);
  });
});
