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
      schemaVersion: 3,
      data: {
        readingId: 'households:2025-03', indicatorId: 'households', period: '2025-03', value: 300.5, unit: null, likelihood: null, note: null,
        // v2 → v3: no observed completion; lit, as then, by national-2020 v1 in the read models.
        completion: null, legacyLights: { id: 'national-2020', version: 1 },
      },
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
    expect(() => upcast({ ...v1, schemaVersion: 4 })).toThrow('newer than this code');
    expect(() => new UpcasterRegistry([monitoringReadingV1ToV2, monitoringReadingV1ToV2])).toThrow('Two upcasters');
  });
});

describe('upcasting the events written before lights were decided', () => {
  it('MonitoringReadingRecorded v2 → v3: no completion, lit as then by national-2020 v1', () => {
    const v2 = { type: 'MonitoringReadingRecorded', schemaVersion: 2, data: { readingId: 'r1', indicatorId: 'households', period: '2025-06', value: 500, unit: '户', likelihood: 'possible', note: null } };
    expect(upcast(v2)).toEqual({
      type: 'MonitoringReadingRecorded',
      schemaVersion: 3,
      data: { ...v2.data, completion: null, legacyLights: { id: 'national-2020', version: 1 } },
    });
  });

  it('DeviationFlagged v1 → v2: judged the day it was flagged, with no ratio', () => {
    const v1Flag = {
      type: 'DeviationFlagged',
      schemaVersion: 1,
      data: { deviationId: 'd1', subject: { kind: 'budget' }, level: 'red', expected: 10, actual: 1, gap: 0.3, progress: 0.5, flaggedAt: '2025-07-02T08:00:00.000Z', rulebook: { id: 'national-2020', version: 1 } },
    };
    expect(upcast(v1Flag)).toEqual({ type: 'DeviationFlagged', schemaVersion: 2, data: { ...v1Flag.data, ratio: null, asOf: '2025-07-02' } });
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
