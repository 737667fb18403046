import { given } from '../../testing/decider-spec.js';
import { at, e, historyAt, RULEBOOK_REF } from '../../testing/fixtures.js';
import { sampleCommand } from '../../testing/sample-commands.js';
import type { ProjectEvent } from '../events.js';
import { makeEvent } from '../make-event.js';

const decided = (history: ProjectEvent[], command: Parameters<ReturnType<typeof given>['when']>[0], now: string): ProjectEvent[] => {
  const outcome = given(...history).when(command, at(now));
  if (!outcome.decision.ok) throw new Error(`refused: ${outcome.decision.error.ruleId}`);
  return outcome.decision.events;
};

/** 2025 with one warning (light-1), graded and maintained; 2026 opened, admitted and allocated. */
const secondYear = (): ProjectEvent[] => {
  const year2025 = [
    ...historyAt.executing,
    e.deviationFlagged('light-1'),
    e.scored('eval-1', 'good'),
    makeEvent('ProjectMaintained', { evaluationId: 'eval-1', grade: 'good', note: null, appliedAt: '2026-01-10T00:00:00Z', rulebook: RULEBOOK_REF }),
  ];
  const opened = [...year2025, ...decided(year2025, sampleCommand.OpenNextCycle, '2026-01-20T00:00:00Z'), e.reviewed('good'), e.admitted];
  return [...opened, ...decided(opened, { type: 'AllocateBudget', amountFen: 90_000_000 }, '2026-02-01T00:00:00Z')];
};

describe('warning ids across fiscal years', () => {
  it('a warning in a following year takes the next id of the project’s life, never an earlier year’s', () => {
    // households ≥ 1200 at the end of May: 500 expected, 200 is red.
    const events = decided(secondYear(), { type: 'RecordReading', readingId: 'r-2026-05', indicatorId: 'households', period: '2026-05', value: 200 }, '2026-06-05T00:00:00Z');
    expect(events.filter((ev) => ev.type === 'DeviationFlagged').map((ev) => (ev.data as { deviationId: string }).deviationId)).toEqual(['light-2']);
  });
});
