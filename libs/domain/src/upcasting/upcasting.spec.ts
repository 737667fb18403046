import { evolve, replay } from '../project/decider.js';
import type { ProjectEvent } from '../project/events.js';
import { historyAt } from '../testing/fixtures.js';
import { upcast } from './upcast.js';
import { UpcasterRegistry } from './upcaster-registry.js';
import { monitoringReadingV1ToV2 } from './monitoring-reading-v1.js';
import { e } from '../testing/fixtures.js';

const v1 = { type: 'MonitoringReadingRecorded', schemaVersion: 1, data: { indicatorId: 'households', period: '2025-03', value: 300.5 } };

describe('upcasting MonitoringReadingRecorded v1 → v2', () => {
  it('derives a stable reading id, keeps the float value, and makes unit and likelihood explicit', () => {
    expect(upcast(v1)).toEqual({
      type: 'MonitoringReadingRecorded',
      schemaVersion: 2,
      data: { readingId: 'households:2025-03', indicatorId: 'households', period: '2025-03', value: 300.5, unit: null, likelihood: null, note: null },
    });
  });

  it('is deterministic: the same old event always becomes the same new one', () => {
    expect(upcast(v1)).toEqual(upcast(structuredClone(v1)));
  });

  it('a v1 reading, once upcast, is evolved like a v2 one', () => {
    const state = evolve(replay(historyAt.executing), upcast(v1) as ProjectEvent);
    expect(state.readings).toEqual([
      { readingId: 'households:2025-03', indicatorId: 'households', period: '2025-03', value: 300.5, unit: null, likelihood: null },
    ]);
  });

  it('passes current events and unknown types through unchanged', () => {
    const current = historyAt.proposed[0]!;
    expect(upcast(current)).toBe(current);
    const foreign = { type: 'SomethingElse', schemaVersion: 7, data: {} };
    expect(upcast(foreign)).toBe(foreign);
  });

  it('refuses to guess: a gap in the chain or an event newer than the code throws', () => {
    expect(() => new UpcasterRegistry([]).upcast(v1)).toThrow('No upcaster for MonitoringReadingRecorded v1');
    expect(() => upcast({ ...v1, schemaVersion: 3 })).toThrow('newer than this code');
    expect(() => new UpcasterRegistry([monitoringReadingV1ToV2, monitoringReadingV1ToV2])).toThrow('Two upcasters');
  });
});

describe('upcasting EvaluationScored v1 → v2', () => {
  // As the release before the self-evaluation sheet wrote it: typed points, no sheet.
  const { sheet: _sheet, ...v1Data } = e.scored('eval-1', 'good').data;
  const v1Scored = { type: 'EvaluationScored', schemaVersion: 1, data: v1Data };

  it('adds an empty sheet and keeps every stored field as it was', () => {
    expect(upcast(v1Scored)).toEqual({ type: 'EvaluationScored', schemaVersion: 2, data: { ...v1Data, sheet: null } });
  });

  it('replays to the same state as the current event with no sheet', () => {
    const viaV1 = evolve(replay(historyAt.executing), upcast(v1Scored) as ProjectEvent);
    const viaV2 = evolve(replay(historyAt.executing), e.scored('eval-1', 'good'));
    expect(viaV1).toEqual(viaV2);
    expect(viaV1.evaluations).toEqual([expect.objectContaining({ evaluationId: 'eval-1', grade: 'good', totalScore: 85 })]);
  });
});
