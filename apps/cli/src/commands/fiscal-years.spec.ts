import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectCommands, ProjectStates } from '@jixiao/application';
import { practiceRulebook2027, projectStream, type ProjectCommand } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { sampleCommand } from '../../../../libs/domain/src/testing/sample-commands.js';
import { UsageError, type Output } from './output.js';
import { replayTimeline } from './replay.js';
import { stateAsOf } from './state.js';

const collect = () => {
  const lines: string[] = [];
  const out: Output = { line: (t) => lines.push(t), error: () => undefined };
  return { out, lines };
};

/**
 * replay and state over a project that lived two fiscal years (2025 graded 良 and
 * maintained; 2026 opened, admitted and allocated), written through the command pipeline
 * on a real SQLite store under practice-2027.
 */
describe('replay and state across fiscal years', () => {
  let folder: string;
  let store: SqliteEventStore;
  const projectId = sampleCommand.ProposeProject.projectId;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-years-'));
    store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
    let now = '';
    const commands = new ProjectCommands(store, new ProjectStates(store), { rulebookFor: async () => practiceRulebook2027 }, () => new Date(now));
    const steps: [string, ProjectCommand][] = [
      ['2025-01-10T08:00:00Z', sampleCommand.ProposeProject],
      ['2025-01-10T09:00:00Z', sampleCommand.SetPerformanceGoals],
      ['2025-01-11T08:00:00Z', sampleCommand.ReviewGoals],
      ['2025-01-12T08:00:00Z', sampleCommand.DecideAdmission],
      ['2025-02-01T08:00:00Z', sampleCommand.AllocateBudget],
      ['2025-12-20T08:00:00Z', { ...sampleCommand.ScoreEvaluation, evaluationId: 'eval-2025' }],
      ['2025-12-21T08:00:00Z', { type: 'ApplyResult', evaluationId: 'eval-2025', decision: 'maintain' }],
      ['2026-01-10T08:00:00Z', sampleCommand.OpenNextCycle],
      ['2026-01-11T08:00:00Z', sampleCommand.ReviewGoals],
      ['2026-01-12T08:00:00Z', sampleCommand.DecideAdmission],
      ['2026-02-01T08:00:00Z', { type: 'AllocateBudget', amountFen: 90_000_000 }],
    ];
    for (const [at, command] of steps) {
      now = at;
      await commands.run({ projectId, command }, { principal: { id: 'test', role: 'system', label: 'test' }, correlationId: at, commandId: at });
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('replay prints the whole life, each later year under a line of its own', async () => {
    const { out, lines } = collect();
    const count = await replayTimeline(store, projectId, out);
    const opened = lines.findIndex((l) => l.includes('CycleOpened'));
    expect(lines[opened - 1]).toBe('— FY2026 预算年度 —');
    expect(lines.filter((l) => l.startsWith('— FY'))).toHaveLength(1);
    expect(lines[opened]).toContain('FY2026 · requested ¥1,000,000.00 · 5 indicators · from FY2025: result maintain, cuts ¥0.00, cap ¥1,000,000.00');
    expect(lines.find((l) => l.includes('PriorCutsApplied'))).toContain('FY2026 allocated ¥900,000.00 against cap ¥1,000,000.00 (FY2025 cuts ¥0.00: —)');
    expect(lines.at(-1)).toBe(`${count} event(s)`);
  });

  it('replay --fiscal-year prints that year’s events only', async () => {
    const { out, lines } = collect();
    const count = await replayTimeline(store, projectId, out, { fiscalYear: 2026 });
    expect(lines[0]).toMatch(/— FY2026 only$/);
    expect(lines.slice(1, -1).map((l) => l.split('  ')[2])).toEqual([
      '下一年度预算已申报 CycleOpened',
      expect.stringMatching(/ GoalsReviewed$/),
      expect.stringMatching(/ ProjectAdmitted$/),
      expect.stringMatching(/ BudgetAllocated$/),
      expect.stringMatching(/ PriorCutsApplied$/),
    ]);
    expect(count).toBe(5);
    const none = collect();
    expect(await replayTimeline(store, projectId, none.out, { fiscalYear: 2031 })).toBe(0);
  });

  it('state --fiscal-year prints that year’s cycle beside the state, or answers it in JSON', async () => {
    const head = (await store.streamRevision(projectStream(projectId)))!;
    const json = collect();
    await stateAsOf(store, projectId, { revision: String(head), fiscalYear: '2025', json: true }, json.out);
    const answer = JSON.parse(json.lines.join('\n'));
    expect(answer).toMatchObject({ fiscalYear: 2025, state: { fiscalYear: 2026 }, cycle: { fiscalYear: 2025, result: { decision: 'maintain', evaluationId: 'eval-2025' } } });
    const text = collect();
    await stateAsOf(store, projectId, { revision: String(head), fiscalYear: '2026' }, text.out);
    expect(text.lines).toContain('  years     FY2025 results · FY2026 executing');
    expect(text.lines).toContain('  cuts applied —: allocated ¥900,000.00 against cap ¥1,000,000.00');
  });

  it.each([
    [{ fiscalYear: '20x6' }, /not a year/],
    [{ fiscalYear: '2027' }, /had no fiscal year 2027 then; its years were 2025, 2026/],
    // As of revision 3 the project had lived 2025 only.
    [{ fiscalYear: '2026', revision: '3' }, /had no fiscal year 2026 then; its years were 2025/],
  ])('state refuses %j', async (options, message) => {
    const head = (await store.streamRevision(projectStream(projectId)))!;
    const call = stateAsOf(store, projectId, { revision: String(head), ...options }, collect().out);
    await expect(call).rejects.toThrow(UsageError);
    await expect(stateAsOf(store, projectId, { revision: String(head), ...options }, collect().out)).rejects.toThrow(message);
  });
});
