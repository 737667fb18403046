import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectDecider, projectStream, type ProjectCommand, type ProjectEvent, type ProjectState } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { at, EVALUATION_SEASON } from '../../../domain/src/testing/fixtures.js';
import { sampleCommand } from '../../../domain/src/testing/sample-commands.js';
import { projectHistory } from './project-history.js';

/**
 * A project's history paged across two fiscal years, on a real SQLite store written as
 * before years were recorded: no event carries metadata.fiscalYear, so each year is the
 * domain's derivation (ProjectProposed and CycleOpened name theirs, the rest follow).
 */
describe('projectHistory across fiscal years', () => {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-history-'));
  const store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
  const projectId = sampleCommand.ProposeProject.projectId;
  /** 2025: proposed … maintained (revisions 0–6); 2026: opened, reviewed (7–8). */
  const years = [2025, 2025, 2025, 2025, 2025, 2025, 2025, 2026, 2026];

  beforeAll(async () => {
    const steps: [ProjectCommand, string][] = [
      [sampleCommand.ProposeProject, '2025-01-10T08:00:00Z'],
      [sampleCommand.SetPerformanceGoals, '2025-01-11T08:00:00Z'],
      [sampleCommand.ReviewGoals, '2025-01-12T08:00:00Z'],
      [sampleCommand.DecideAdmission, '2025-01-13T08:00:00Z'],
      [sampleCommand.AllocateBudget, '2025-02-01T08:00:00Z'],
      [{ ...sampleCommand.ScoreEvaluation, evaluationId: 'eval-1' }, EVALUATION_SEASON],
      [sampleCommand.ApplyResult, '2026-03-20T08:00:00Z'],
      [sampleCommand.OpenNextCycle, '2026-03-21T08:00:00Z'],
      [sampleCommand.ReviewGoals, '2026-03-22T08:00:00Z'],
    ];
    let state: ProjectState = projectDecider.initialState;
    for (const [command, now] of steps) {
      const decision = projectDecider.decide(command, state, at(now));
      if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.ruleId}`);
      state = decision.events.reduce(projectDecider.evolve, state);
      const events = decision.events.map((e: ProjectEvent) => ({ id: crypto.randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: {} }));
      await store.append(projectStream(projectId), events, 'any');
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives every event its derived year, the whole life in one page', async () => {
    const page = await projectHistory(store, projectId, { fromRevision: 0, limit: 100 });
    expect(page!.events.map((e) => [e.revision, e.fiscalYear])).toEqual(years.map((y, i) => [i, y]));
    expect(page!.events[7]!.type).toBe('CycleOpened');
    expect(page).toMatchObject({ fiscalYear: null, headRevision: 8, nextRevision: null });
  });

  it('a page that starts mid-year learns the year from the revisions before it', async () => {
    const page = await projectHistory(store, projectId, { fromRevision: 8, limit: 100 });
    expect(page!.events.map((e) => [e.type, e.fiscalYear])).toEqual([['GoalsReviewed', 2026]]);
    const earlier = await projectHistory(store, projectId, { fromRevision: 2, limit: 2 });
    expect(earlier!.events.map((e) => [e.revision, e.fiscalYear])).toEqual([
      [2, 2025],
      [3, 2025],
    ]);
    expect(earlier!.nextRevision).toBe(4);
  });

  it('scoped to a year, pages through that year only and ends where it ends', async () => {
    const first = await projectHistory(store, projectId, { fromRevision: 0, limit: 4, fiscalYear: 2025 });
    expect(first!.events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(first!.nextRevision).toBe(4);
    const last = await projectHistory(store, projectId, { fromRevision: 4, limit: 4, fiscalYear: 2025 });
    expect(last!.events.map((e) => e.revision)).toEqual([4, 5, 6]);
    expect(last!.nextRevision).toBeNull();
    const next = await projectHistory(store, projectId, { fromRevision: 0, limit: 1, fiscalYear: 2026 });
    expect(next).toMatchObject({ fiscalYear: 2026, nextRevision: 8 });
    expect(next!.events.map((e) => [e.revision, e.type])).toEqual([[7, 'CycleOpened']]);
  });

  it('answers undefined for a project without a stream, and an empty page past the head', async () => {
    expect(await projectHistory(store, 'no-such-project', { fromRevision: 0, limit: 10 })).toBeUndefined();
    expect(await projectHistory(store, projectId, { fromRevision: 9, limit: 10 })).toMatchObject({ events: [], nextRevision: null });
  });
});
