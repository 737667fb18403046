import type { Upcaster } from './upcaster-registry.js';

/**
 * EvaluationScored v1 → v2: v2 adds `sheet`, the computed self-evaluation sheet. A v1
 * evaluation was scored from points the evaluator typed, so it has no sheet: `null`,
 * and every other field is kept as stored, so old streams replay to the same state.
 */
export const evaluationScoredV1ToV2: Upcaster = {
  type: 'EvaluationScored',
  fromVersion: 1,
  upcast: (data: Record<string, unknown>) => ({ ...data, sheet: null }),
};
