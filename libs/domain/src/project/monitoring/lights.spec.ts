import { given } from '../../testing/decider-spec.js';
import { e, historyAt, PROJECT_ID } from '../../testing/fixtures.js';
import { practiceRulebook2026 } from '../../rulebook/practice-2026.js';
import type { Rulebook } from '../../rulebook/rulebook.js';
import { makeEvent } from '../make-event.js';
import type { ProjectCommand } from '../commands.js';
import type { ProjectEvent } from '../events.js';
import type { IndicatorDefinition } from '../goals/indicator.js';
import type { DecideContext } from '../decide-context.js';

/**
 * Monitoring lights under the default rulebook (deployed practice, research/domain-rules.md
 * R19–R22), decided inside the command that records the fact (DESIGN §6.2), as of its
 * business date (§6.3). Entry time is 2026: far later than the business dates judged.
 */
const ENTRY = '2026-11-29T10:00:00.000Z';
const practice = (now = ENTRY, rulebook: Rulebook = practiceRulebook2026): DecideContext => ({ now, rulebook });
const REF = { id: 'practice-2026', version: 1 };

const indicator = (indicatorId: string, kind: IndicatorDefinition['kind'], comparator: IndicatorDefinition['comparator'], target: number | null): IndicatorDefinition => ({
  indicatorId,
  name: indicatorId,
  level: kind === 'service-recipient' ? 'satisfaction' : ['economic', 'social', 'ecological', 'sustainability'].includes(kind) ? 'benefit' : 'output',
  kind,
  comparator,
  target,
  unit: target === null ? null : 'n',
  criteria: target === null ? 'Written criteria' : null,
  direction: comparator === '<' || comparator === '<=' ? 'lower-is-better' : 'higher-is-better',
  weight: 10,
  deadline: '2025-12-31',
});

/** A project executing with one indicator of each kind this spec needs. */
const INDICATORS = [
  indicator('households', 'quantity', '>=', 1200),
  indicator('pass-rate', 'quality', '>=', 95),
  indicator('on-time', 'timeliness', '>=', 100),
  indicator('unit-cost', 'cost', '<=', 800),
  indicator('illness-drop', 'social', '>=', 20),
  indicator('satisfied', 'service-recipient', '>=', 90),
  indicator('standard-met', 'quality', 'qualitative', null),
];
const executing: ProjectEvent[] = [
  e.proposed,
  makeEvent('PerformanceGoalSet', { overallGoal: 'Safe water', indicators: INDICATORS, revision: 1, submittedAt: '2024-09-15T00:00:00Z' }),
  e.reviewed('good'),
  e.admitted,
  e.allocated, // 100,000,000 fen
];

let n = 0;
const read = (indicatorId: string, period: string, value: number | null, extra: Partial<Extract<ProjectCommand, { type: 'RecordReading' }>> = {}): ProjectCommand => ({
  type: 'RecordReading',
  readingId: `r${++n}`,
  indicatorId,
  period,
  ...(value === null ? {} : { value }),
  ...extra,
});
const spend = (expenditureId: string, amountFen: number, spentOn: string): ProjectCommand => ({ type: 'RecordExpenditure', expenditureId, amountFen, spentOn });

/** The light events of a decision, as [type, light]. */
const lightsOf = (events: readonly ProjectEvent[]): [string, string][] =>
  events
    .filter((ev) => !['MonitoringReadingRecorded', 'ExpenditureRecorded', 'TargetAdjusted', 'BudgetAdjusted'].includes(ev.type))
    .map((ev) => [ev.type, String((ev.data as { light?: string; level?: string }).light ?? (ev.data as { level?: string }).level)]);
const decided = (history: ProjectEvent[], command: ProjectCommand, context = practice()) => {
  const outcome = given(...history).when(command, context);
  if (!outcome.decision.ok) throw new Error(`refused: ${outcome.decision.error.ruleId}`);
  return outcome.decision.events;
};
/** Runs commands one after another, as the api would, returning the whole history. */
const run = (history: ProjectEvent[], commands: ProjectCommand[], context = practice()): ProjectEvent[] =>
  commands.reduce((h, c) => [...h, ...decided(h, c, context)], history);

describe('lights: ratio bands on the prorated target (quantity, benefit, satisfaction)', () => {
  // households ≥ 1200 at the end of June: 序时进度 0.5, prorated target 600.
  it.each([
    [359.94, 'DeviationFlagged', 'red'], // 59.99%
    [360, 'DeviationFlagged', 'yellow'], // 60%
    [479.94, 'DeviationFlagged', 'yellow'], // 79.99%
    [480, 'LightAssessed', 'green'], // 80%
    [719.94, 'LightAssessed', 'green'], // 119.99%
    [720, 'LightAssessed', 'blue'], // 120%: target set too low
  ])('a reading of %p against 600 expected → %s %s', (value, type, light) => {
    expect(lightsOf(decided(executing, read('households', '2025-06', value)))).toEqual([[type, light]]);
  });

  it('writes the judgement beside the light: expected, ratio, 序时进度, business date, rulebook; entry time apart', () => {
    const events = decided(executing, read('households', '2025-06', 360, { readingId: 'r-june' }));
    expect(events[1]).toEqual({
      type: 'DeviationFlagged',
      schemaVersion: 2,
      data: {
        deviationId: 'light-1',
        subject: { kind: 'indicator', indicatorId: 'households', readingId: 'r-june', period: '2025-06' },
        level: 'yellow',
        expected: 600,
        actual: 360,
        ratio: 0.6,
        gap: 0.2,
        progress: 0.5,
        asOf: '2025-06-30',
        flaggedAt: ENTRY,
        rulebook: REF,
      },
    });
  });

  it('prorates benefit and satisfaction indicators too', () => {
    // illness-drop ≥ 20 % in September: 序时进度 0.75, expected 15.
    expect(lightsOf(decided(executing, read('illness-drop', '2025-09', 8.99)))).toEqual([['DeviationFlagged', 'red']]);
    expect(lightsOf(decided(executing, read('illness-drop', '2025-09', 9)))).toEqual([['DeviationFlagged', 'yellow']]);
    expect(lightsOf(decided(executing, read('satisfied', '2025-06', 45)))).toEqual([['LightAssessed', 'green']]);
  });
});

describe('lights: quality, timeliness and cost are not prorated (R19)', () => {
  it('a 20% pass rate against 95% is red at the first assessment, where proration would have hidden it', () => {
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 20)))).toEqual([['DeviationFlagged', 'red']]);
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 94.99)))).toEqual([['DeviationFlagged', 'red']]);
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 95)))).toEqual([['LightAssessed', 'green']]);
  });

  it('no yellow and no blue by default: green when the comparator holds, red when not', () => {
    expect(lightsOf(decided(executing, read('on-time', '2025-07', 99)))).toEqual([['DeviationFlagged', 'red']]);
    expect(lightsOf(decided(executing, read('on-time', '2025-07', 500)))).toEqual([['LightAssessed', 'green']]);
  });

  it('the ratio bands on the unprorated target are a rulebook option', () => {
    const banded = { ...practiceRulebook2026, version: 2, lights: { ...practiceRulebook2026.lights!, unproratedForm: 'ratio' as const } };
    const at = practice(ENTRY, banded);
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 75.99), at))).toEqual([['DeviationFlagged', 'yellow']]); // 79.99%
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 76), at))).toEqual([['LightAssessed', 'green']]); // 80%
    expect(lightsOf(decided(executing, read('pass-rate', '2025-06', 56.99), at))).toEqual([['DeviationFlagged', 'red']]); // 59.99%
  });

  it('lower-is-better: any overshoot of the ceiling is red (R21), at or under it green', () => {
    expect(lightsOf(decided(executing, read('unit-cost', '2025-06', 800.01)))).toEqual([['DeviationFlagged', 'red']]);
    expect(lightsOf(decided(executing, read('unit-cost', '2025-06', 800)))).toEqual([['LightAssessed', 'green']]);
  });
});

describe('lights: qualitative indicators by observed completion (R22)', () => {
  it.each([
    ['achieved', 'LightAssessed', 'green'],
    ['partly-achieved', 'DeviationFlagged', 'yellow'],
    ['not-achieved', 'DeviationFlagged', 'red'],
  ] as const)('%s → %s %s, whatever the stated likelihood', (completion, type, light) => {
    const events = decided(executing, read('standard-met', '2025-06', null, { likelihood: 'certain', completion }));
    expect(lightsOf(events)).toEqual([[type, light]]);
    expect(events[0]!.data).toMatchObject({ likelihood: 'certain', completion });
  });

  it('without an observed completion the reading is recorded and not yet assessed', () => {
    expect(lightsOf(decided(executing, read('standard-met', '2025-06', null, { likelihood: 'impossible' })))).toEqual([]);
  });

  it('refuses a completion on a quantitative indicator', () => {
    given(...executing).when(read('households', '2025-06', 600, { completion: 'achieved' }), practice()).thenRefuses('invariant', 'reading.completion-invalid');
  });
});

describe('lights: nothing is lit before the first assessment date (end of June)', () => {
  it('a January reading of zero is recorded and not yet assessed', () => {
    expect(decided(executing, read('households', '2025-01', 0)).map((ev) => ev.type)).toEqual(['MonitoringReadingRecorded']);
  });

  it('spending dated before the end of June lights nothing; dated on it, it does', () => {
    expect(decided(executing, spend('x1', 1_000_000, '2025-06-29')).map((ev) => ev.type)).toEqual(['ExpenditureRecorded']);
    expect(lightsOf(decided(executing, spend('x1', 1_000_000, '2025-06-30')))).toEqual([['DeviationFlagged', 'red']]);
  });
});

describe('lights: budget execution against 序时进度 as of spentOn', () => {
  // 100,000,000 fen budget; at the end of June 序时进度 0.5: execution rate ÷ 0.5.
  it.each([
    [29_995_000, 'DeviationFlagged', 'red'], // 59.99%
    [30_000_000, 'DeviationFlagged', 'yellow'], // 60%
    [39_995_000, 'DeviationFlagged', 'yellow'], // 79.99%
    [40_000_000, 'LightAssessed', 'green'], // 80%
  ])('%p fen spent by 2025-06-30 → %s %s', (amount, type, light) => {
    expect(lightsOf(decided(executing, spend('x1', amount, '2025-06-30')))).toEqual([[type, light]]);
  });

  it('judges by business time: the same spending entered in 2025 or in 2026 gives the same light', () => {
    const strip = (events: ProjectEvent[]) => events.map((ev) => ({ ...ev, data: { ...ev.data, flaggedAt: null } }));
    expect(strip(decided(executing, spend('x1', 30_000_000, '2025-06-30'), practice('2025-07-01T09:00:00.000Z')))).toEqual(
      strip(decided(executing, spend('x1', 30_000_000, '2025-06-30'), practice())),
    );
  });

  it('back-dated spending is judged with all spending dated by the date the light already holds', () => {
    const history = run(executing, [spend('x1', 10_000_000, '2025-09-30')]); // 10% at 0.75 → red
    const events = decided(history, spend('x0', 50_000_000, '2025-02-01')); // now 60% by 2025-09-30 → 0.8 → green
    expect(events[1]).toMatchObject({ type: 'DeviationCleared', data: { light: 'green', asOf: '2025-09-30', actual: 60_000_000, ratio: 0.8 } });
  });
});

describe('lights: a warning keeps its history as it is raised, lowered and cleared', () => {
  const yellowInJune = () => run(executing, [read('households', '2025-06', 400, { readingId: 'r-06' })]);

  it('raises a yellow warning to red, lowers it, then clears it when the data recover', () => {
    const raised = run(yellowInJune(), [read('households', '2025-07', 350)]); // 350 / 700 = 50%
    expect(lightsOf(raised.slice(-1))).toEqual([['DeviationRaised', 'red']]);
    const lowered = run(raised, [read('households', '2025-08', 600)]); // 600 / 800 = 75%
    expect(lightsOf(lowered.slice(-1))).toEqual([['DeviationLowered', 'yellow']]);
    const cleared = run(lowered, [read('households', '2025-09', 900)]); // 900 / 900 = 100%
    expect(cleared.at(-1)).toMatchObject({ type: 'DeviationCleared', data: { deviationId: 'light-1', light: 'green', explained: false, clearedAt: ENTRY } });
    const state = given(...cleared).when({ type: 'AssessLights', asOf: '2025-09-30' }, practice()).state;
    expect(state.deviations).toEqual([expect.objectContaining({ deviationId: 'light-1', level: 'yellow', status: 'cleared', explanation: null })]);
  });

  it('a cleared warning is no longer owed an explanation: it cannot be escalated, and is listed as cleared unexplained', () => {
    const cleared = run(yellowInJune(), [read('households', '2025-07', 700)]);
    given(...cleared).when({ type: 'EscalateDeviation', deviationId: 'light-1' }, practice('2027-01-01T00:00:00.000Z')).thenRefuses('invariant', 'deviation.already-cleared');
    given(...cleared).when({ type: 'ResolveDeviation', deviationId: 'light-1', resolution: 'x' }, practice()).thenRefuses('invariant', 'deviation.already-cleared');
  });

  it('an explained warning that clears says so, and keeps its explanation', () => {
    const explained = run(yellowInJune(), [{ type: 'ExplainDeviation', deviationId: 'light-1', cause: 'funding', measures: 'Second tranche', likelihood: 'possible' }]);
    const cleared = run(explained, [read('households', '2025-07', 700)]);
    expect(cleared.at(-1)).toMatchObject({ type: 'DeviationCleared', data: { explained: true } });
  });

  it('a reading that leaves the warning where it is still gets its light, so no read model computes one', () => {
    const again = decided(yellowInJune(), read('households', '2025-07', 500)); // 500 / 700 = 71%: still yellow
    expect(lightsOf(again)).toEqual([['LightAssessed', 'yellow']]);
  });

  it('an earlier period reported late does not move the light back in time', () => {
    const late = decided(yellowInJune(), read('households', '2025-05', 0));
    expect(late.map((ev) => ev.type)).toEqual(['MonitoringReadingRecorded']);
  });

  it('a target adjustment judges the latest reading again', () => {
    const events = decided(yellowInJune(), { type: 'AdjustTarget', indicatorId: 'households', adjustedTarget: 900, reason: 'Fewer households' });
    expect(lightsOf(events)).toEqual([['DeviationCleared', 'green']]); // 400 / 450 = 89%
  });

  it('a budget adjustment judges budget execution again at the date its light holds', () => {
    const history = run(executing, [spend('x1', 30_000_000, '2025-06-30')]); // 30% ÷ 0.5 = 60% → yellow
    const events = decided(history, { type: 'AdjustBudget', newBudgetFen: 40_000_000, reason: 'Scope reduced' });
    expect(lightsOf(events)).toEqual([['DeviationCleared', 'green']]); // 75% ÷ 0.5
  });

  it('two subjects flagged in one decision get distinct warning ids', () => {
    const history = run(executing, [read('households', '2025-05', 0), read('pass-rate', '2025-05', 10)]);
    const events = decided(history, { type: 'AssessLights', asOf: '2025-06-30' });
    expect(events.map((ev) => [ev.type, (ev.data as { deviationId?: string }).deviationId])).toEqual([
      ['DeviationFlagged', 'light-1'],
      ['DeviationFlagged', 'light-2'],
      ['DeviationFlagged', 'light-3'], // the budget: nothing spent
    ]);
  });
});

describe('AssessLights: at each assessment date', () => {
  it('lights a project that spends nothing for slow execution', () => {
    const events = decided(executing, { type: 'AssessLights', asOf: '2025-06-30' });
    expect(events).toEqual([
      makeEvent('DeviationFlagged', {
        deviationId: 'light-1',
        subject: { kind: 'budget' },
        level: 'red',
        expected: 50_000_000,
        actual: 0,
        ratio: 0,
        gap: 0.5,
        progress: 0.5,
        asOf: '2025-06-30',
        flaggedAt: ENTRY,
        rulebook: REF,
      }),
    ]);
  });

  it('judges readings whose period ends by the date (a May reading, not lit when recorded, is lit now)', () => {
    const history = run(executing, [read('households', '2025-05', 300), spend('x1', 40_000_000, '2025-06-01')]);
    expect(lightsOf(history.slice(-2))).toEqual([]);
    const events = decided(history, { type: 'AssessLights', asOf: '2025-06-30' });
    // May: 300 / (1200 × 5/12) = 60% → yellow; 40% spent by 30 June ÷ 0.5 = 80% → green.
    expect(lightsOf(events)).toEqual([
      ['DeviationFlagged', 'yellow'],
      ['LightAssessed', 'green'],
    ]);
  });

  it('a light never moves back in business time: spending already judged as of 15 July stands at the 30 June assessment', () => {
    const history = run(executing, [spend('x1', 60_000_000, '2025-07-15')]);
    expect(lightsOf(history.slice(-1))).toEqual([['LightAssessed', 'green']]);
    given(...history).when({ type: 'AssessLights', asOf: '2025-06-30' }, practice()).thenRefuses('invariant', 'lights.unchanged');
  });

  it('appends only changes: a second assessment with nothing new is refused and writes nothing', () => {
    const once = run(executing, [{ type: 'AssessLights', asOf: '2025-06-30' }]);
    given(...once).when({ type: 'AssessLights', asOf: '2025-06-30' }, practice()).thenRefuses('invariant', 'lights.unchanged');
  });

  it('nothing is assessed before the first assessment date', () => {
    given(...executing).when({ type: 'AssessLights', asOf: '2025-05-31' }, practice()).thenRefuses('invariant', 'lights.unchanged');
  });

  it.each([
    ['2025-07-31', '2025-07-30T23:00:00.000Z', 'lights.date-in-future'],
    ['2024-12-31', ENTRY, 'lights.date-outside-fiscal-year'],
    ['2025-02-30', ENTRY, 'lights.date-outside-fiscal-year'],
  ])('refuses an assessment on %s at %s (%s)', (asOf, now, ruleId) => {
    given(...executing).when({ type: 'AssessLights', asOf }, practice(now)).thenRefuses('invariant', ruleId);
  });

  it('is accepted only while executing', () => {
    given(...historyAt.evaluated).when({ type: 'AssessLights', asOf: '2025-06-30' }, practice()).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('the back-filled year: fiscal year 2012 entered in 2026', () => {
  const BUDGET = 484_270_500;
  const ten = Array.from({ length: 10 }, (_, i) => indicator(`output-${i + 1}`, 'quantity', '>=', 100 * (i + 1)));
  const allocated: ProjectEvent[] = [
    makeEvent('ProjectProposed', { projectId: PROJECT_ID, department: 'finance', title: 'Back-filled 2012', category: 'specific-purpose', fiscalYear: 2012, requestedFen: BUDGET, description: null, proposedAt: ENTRY }),
    makeEvent('PerformanceGoalSet', { overallGoal: 'Ten outputs', indicators: ten, revision: 1, submittedAt: ENTRY }),
    makeEvent('GoalsReviewed', { grade: 'good', outcome: 'approved', comments: null, reviewerId: null, reviewedAt: ENTRY } as never),
    makeEvent('ProjectAdmitted', { reviewScore: 90, reasons: [], admittedAt: ENTRY }),
    makeEvent('BudgetAllocated', { amountFen: BUDGET, requestedFen: BUDGET, reason: null, documentNo: null, allocatedAt: ENTRY }),
  ];
  // Thirteen expenditures, one a month and a last one in December: 99.2% of the budget together.
  const spentOn = ['2012-01-20', '2012-02-20', '2012-03-20', '2012-04-20', '2012-05-20', '2012-06-20', '2012-07-20', '2012-08-20', '2012-09-20', '2012-10-20', '2012-11-20', '2012-12-10', '2012-12-28'];
  const total = Math.round(BUDGET * 0.992);
  const amounts = spentOn.map((_, i) => (i < 12 ? Math.floor(total / 13) : total - 12 * Math.floor(total / 13)));
  const commands: ProjectCommand[] = [
    ...spentOn.map((date, i) => spend(`x${i + 1}`, amounts[i]!, date)),
    ...ten.map((i) => read(i.indicatorId, '2012-12', i.target!)),
  ];

  it('gives the lights it would have given on time, and no open budget warning at 99.2% execution', () => {
    const history = run(allocated, commands);
    const state = given(...history).when({ type: 'AssessLights', asOf: '2012-12-31' }, practice()).state;
    expect(state.spentFen).toBe(total);
    // Spending one-thirteenth a month runs ahead of 序时进度 all year: never a budget warning.
    expect(state.deviations).toEqual([]);
    // First lit by the July expenditure (June's was dated before the first assessment date), green since.
    expect(state.lights.find((l) => l.subject.kind === 'budget')).toEqual({ subject: { kind: 'budget' }, light: 'green', asOf: '2012-07-20' });
    expect(state.lights.filter((l) => l.subject.kind === 'indicator').map((l) => l.light)).toEqual(Array(10).fill('green'));
  });

  it('decides the same lights whenever it is entered: only the entry-time fields differ', () => {
    const entryFields = (h: ProjectEvent[]) => h.map((ev) => ({ ...ev, data: { ...ev.data, flaggedAt: null, clearedAt: null, raisedAt: null, loweredAt: null } }));
    expect(entryFields(run(allocated, commands, practice('2013-01-05T00:00:00.000Z')))).toEqual(entryFields(run(allocated, commands)));
  });

  it('a slow year flags red as of its business date, and escalation waits for the deadline counted from entry', () => {
    const history = run(allocated, [spend('x1', 10_000_000, '2012-07-20')]);
    expect(lightsOf(history.slice(-1))).toEqual([['DeviationFlagged', 'red']]);
    const escalate: ProjectCommand = { type: 'EscalateDeviation', deviationId: 'light-1' };
    given(...history).when(escalate, practice('2026-12-13T10:00:00.000Z')).thenRefuses('invariant', 'deviation.escalation-too-early'); // day 14
    expect(given(...history).when(escalate, practice('2026-12-14T10:00:00.000Z')).decision.ok).toBe(true); // day 15
  });
});
