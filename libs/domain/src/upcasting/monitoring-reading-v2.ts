import type { Upcaster } from './upcaster-registry.js';

/**
 * MonitoringReadingRecorded v2 → v3. A v2 reading was recorded before lights were decided
 * with it: its light was computed by the read models with national-2020 v1's gap rule.
 * It gets no completion, and `legacyLights` names that rulebook, so the read models
 * show it exactly as they did (DESIGN §6.5) without computing a light for new readings.
 */
export const monitoringReadingV2ToV3: Upcaster = {
  type: 'MonitoringReadingRecorded',
  fromVersion: 2,
  upcast: (data: Record<string, unknown>) => ({
    ...data,
    completion: null,
    legacyLights: { id: 'national-2020', version: 1 },
  }),
};
