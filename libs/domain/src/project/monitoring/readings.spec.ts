import { given } from '../../testing/decider-spec.js';
import { at, ctx, e, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';
import type { RecordReading } from './readings.js';
import { practiceRulebook2026 } from '../../rulebook/practice-2026.js';

/** Under deployed practice nothing is lit before the end of June, so a May reading is recorded alone. */
const practice = { ...ctx, rulebook: practiceRulebook2026 };

const read = (change: Partial<RecordReading> = {}): RecordReading => ({
  type: 'RecordReading',
  readingId: 'r-households-05',
  indicatorId: 'households',
  period: '2025-05',
  value: 200,
  ...change,
});

describe('RecordReading (监控数据填报)', () => {
  it('records a quantitative reading in the indicator unit', () => {
    const outcome = given(...historyAt.executing).when(read({ unit: '户' }), practice);
    outcome.then(e.reading('r-households-05', 'households', '2025-05', 200));
    expect(outcome.stateAfter().readings).toEqual([
      { readingId: 'r-households-05', indicatorId: 'households', period: '2025-05', value: 200, unit: '户', likelihood: null },
    ]);
  });

  it('records a qualitative reading as a stated likelihood', () => {
    given(...historyAt.executing)
      .when(read({ readingId: 'q', indicatorId: 'water-quality', value: undefined, likelihood: 'possible' }), practice)
      .then(e.reading('q', 'water-quality', '2025-05', null, 'possible'));
  });

  it('records the reading of the current, still open, month', () => {
    expect(given(...historyAt.executing).when(read({ period: '2025-07' })).decision.ok).toBe(true);
  });

  // Invariant: readings only for declared indicators and within the project's period.
  it.each([
    ['an undeclared indicator', read({ indicatorId: 'roads' }), 'reading.unknown-indicator'],
    ['a period of the previous year', read({ period: '2024-12' }), 'reading.period-outside-project'],
    ['a period of the next year', read({ period: '2026-01' }), 'reading.period-outside-project'],
    ['a quarter when the cadence is monthly', read({ period: '2025-Q1' }), 'reading.period-outside-project'],
    ['a month 13', read({ period: '2025-13' }), 'reading.period-outside-project'],
    ['a period that has not begun', read({ period: '2025-08' }), 'reading.period-in-future'],
    ['another unit', read({ unit: '人' }), 'reading.unit-mismatch'],
    ['no value', read({ value: undefined }), 'reading.value-required'],
    ['a NaN value', read({ value: Number.NaN }), 'reading.value-required'],
    ['a qualitative reading without likelihood', read({ indicatorId: 'water-quality', value: undefined }), 'reading.likelihood-required'],
    ['an unknown likelihood', read({ likelihood: 'maybe' as never }), 'reading.likelihood-invalid'],
    ['no id', read({ readingId: '' }), 'reading.id-required'],
  ])('refuses %s', (_label, command, ruleId) => {
    given(...historyAt.executing).when(command).thenRefuses('invariant', ruleId);
  });

  it('refuses a repeated reading id and a second reading for the same period', () => {
    const history = [...historyAt.executing, e.reading('r-households-05', 'households', '2025-05', 200)];
    given(...history).when(read({ period: '2025-06' })).thenRefuses('invariant', 'reading.duplicate-id');
    given(...history).when(read({ readingId: 'other' })).thenRefuses('invariant', 'reading.period-already-recorded');
  });

  it('accepts quarterly periods under a quarterly rulebook', () => {
    const quarterly = { ...ctx, rulebook: { ...ctx.rulebook, monitoringCadence: 'quarterly' as const } };
    expect(given(...historyAt.executing).when(read({ period: '2025-Q2' }), quarterly).decision.ok).toBe(true);
    given(...historyAt.executing)
      .when(read({ period: '2025-05' }), quarterly)
      .thenRefuses('invariant', 'reading.period-outside-project');
  });

  it('refuses readings before the project executes', () => {
    given(...historyAt.admitted).when(read()).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});

describe('FlagReadingOverdue (监控数据逾期)', () => {
  const flag = { type: 'FlagReadingOverdue', indicatorId: 'households', period: '2025-05' } as const;

  it('flags a period whose reading is past due (period end + 10 days)', () => {
    const outcome = given(...historyAt.executing).when(flag, at('2025-06-11T00:00:01Z'));
    outcome.then({
      type: 'ReadingOverdueFlagged',
      schemaVersion: 1,
      data: { indicatorId: 'households', period: '2025-05', dueBy: '2025-06-11T00:00:00.000Z', rulebook: RULEBOOK_REF },
    });
    expect(outcome.stateAfter().overdueReadings).toEqual(['households@2025-05']);
  });

  it('refuses at the due instant itself', () => {
    given(...historyAt.executing).when(flag, at('2025-06-11T00:00:00Z')).thenRefuses('invariant', 'reading.not-yet-overdue');
  });

  it('refuses when the reading was recorded', () => {
    given(...historyAt.executing, e.reading('r', 'households', '2025-05', 10))
      .when(flag)
      .thenRefuses('invariant', 'reading.already-recorded');
  });

  it('refuses a second flag for the same period', () => {
    const flagged = {
      type: 'ReadingOverdueFlagged',
      schemaVersion: 1,
      data: { indicatorId: 'households', period: '2025-05', dueBy: '2025-06-11T00:00:00.000Z', rulebook: RULEBOOK_REF },
    } as const;
    given(...historyAt.executing, flagged).when(flag).thenRefuses('invariant', 'reading.overdue-already-flagged');
  });

  it('refuses undeclared indicators and periods outside the year', () => {
    given(...historyAt.executing).when({ ...flag, indicatorId: 'roads' }).thenRefuses('invariant', 'reading.unknown-indicator');
    given(...historyAt.executing).when({ ...flag, period: '2024-05' }).thenRefuses('invariant', 'reading.period-outside-project');
  });

  it('refuses after execution has ended', () => {
    given(...historyAt.evaluated).when(flag).thenRefuses('wrong-stage', 'stage.command-not-allowed');
  });
});
