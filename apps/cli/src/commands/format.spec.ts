import { keyFacts } from './format.js';

describe('keyFacts of an evaluation', () => {
  const scored = { evaluationId: 'self-1', kind: 'self', totalScore: 83.85, grade: 'good', executionRate: 0.9 };

  it('shows each override of a self-evaluation sheet with both values and its reason', () => {
    const sheet = {
      rows: [
        { indicatorId: 'o1', overridden: true, computedPoints: 7.14, points: 7, overrideReason: '质量未达标，酌情扣分' },
        { indicatorId: 'o2', overridden: false, computedPoints: 5.71, points: 5.71, overrideReason: null },
      ],
    };
    expect(keyFacts('EvaluationScored', { ...scored, sheet })).toContain('override 调整 o1 7.14 → 7 (质量未达标，酌情扣分)');
    expect(keyFacts('EvaluationScored', { ...scored, sheet })).not.toContain('o2');
  });

  it('prints an evaluation without a sheet (typed points, or a v1 event) as before', () => {
    expect(keyFacts('EvaluationScored', { ...scored, sheet: null })).not.toContain('override');
    expect(keyFacts('EvaluationScored', scored)).not.toContain('override');
  });
});
