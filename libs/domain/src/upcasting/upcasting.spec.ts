import { evolve, replay } from '../project/decider.js';
import type { ProjectEvent } from '../project/events.js';
import { historyAt } from '../testing/fixtures.js';
import { upcast } from './upcast.js';
import { UpcasterRegistry } from './upcaster-registry.js';
import { monitoringReadingV1ToV2 } from './monitoring-reading-v1.js';

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
