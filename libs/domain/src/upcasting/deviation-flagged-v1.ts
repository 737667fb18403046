import type { Upcaster } from './upcaster-registry.js';

/**
 * DeviationFlagged v1 → v2. Version 1 judged a flag at the moment it was flagged (the
 * worker's clock, national-2020 v1's gap rule), so its business date is the day of
 * `flaggedAt`; it had no ratio.
 */
export const deviationFlaggedV1ToV2: Upcaster = {
  type: 'DeviationFlagged',
  fromVersion: 1,
  upcast: (data: Record<string, unknown>) => ({
    ...data,
    ratio: null,
    asOf: typeof data['flaggedAt'] === 'string' ? (data['flaggedAt'] as string).slice(0, 10) : null,
  }),
};
