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

describe('keyFacts across fiscal years', () => {
  it('shows what a new year carried over: the result, the cuts and the cap in yuan, and open rectifications', () => {
    const facts = keyFacts('CycleOpened', {
      fiscalYear: 2027,
      requestedFen: 95_000_000,
      indicators: [{}, {}],
      carriedOver: { fromFiscalYear: 2026, resultDecision: 'reduce', cutTotalFen: 9_000_000, capFen: 81_000_000, openRectificationIds: ['rect-1'] },
    });
    expect(facts).toBe('FY2027 · requested ¥950,000.00 · 2 indicators · from FY2026: result reduce, cuts ¥90,000.00, cap ¥810,000.00 · open rectifications rect-1');
  });

  it('shows an allocation above the cap with its reason as an exception, and one within it without', () => {
    const applied = { fiscalYear: 2027, fromFiscalYear: 2026, cutIds: ['cut-1'], cutTotalFen: 9_000_000, capFen: 81_000_000, allocatedFen: 85_000_000 };
    expect(keyFacts('PriorCutsApplied', { ...applied, exceptionReason: '汛期水毁' })).toBe(
      'FY2027 allocated ¥850,000.00 against cap ¥810,000.00 (FY2026 cuts ¥90,000.00: cut-1) · exception 例外: 汛期水毁',
    );
    expect(keyFacts('PriorCutsApplied', { ...applied, allocatedFen: 81_000_000, exceptionReason: null })).not.toContain('exception');
  });

  it('names the new result decisions, medium-term goals and the mid-term evaluation order', () => {
    expect(keyFacts('ProjectReduced', { evaluationId: 'eval-1', grade: 'poor', note: '核减 30%' })).toBe('after eval-1 (差 poor) · 核减 30%');
    expect(keyFacts('ProjectUseAdjusted', { evaluationId: 'eval-1', grade: 'poor', note: null })).toBe('after eval-1 (差 poor)');
    expect(keyFacts('MediumTermGoalsSet', { startYear: 2026, endYear: 2030, overallGoal: '覆盖全部行政村', indicators: ['a', 'b'] })).toBe('FY2026–FY2030 · 2 indicators · 覆盖全部行政村');
    expect(keyFacts('MidTermEvaluationOrdered', { midLifeAt: '2028-07-02T00:00:00.000Z', fiscalYear: 2028, orderedAt: '2028-07-02T00:00:00Z' })).toBe('due at mid-life 2028-07-02 00:00 · FY2028');
  });
});
