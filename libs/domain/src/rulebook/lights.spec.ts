import { deployedPracticeLights, gapFormLights, lightRulesOf } from './lights.js';
import { nationalRulebook2020 } from './national-2020.js';
import { practiceRulebook2026 } from './practice-2026.js';
import { defaultRulebook } from './practice-2027.js';
import { validateRulebook } from './validate-rulebook.js';

describe('the lights block of a rulebook', () => {
  it('the default rulebook lights by deployed practice: 60/80/120, budget 60/80, from the end of June, then each month end', () => {
    // practice-2027 changed the result policy only; its lights are practice-2026's.
    expect(defaultRulebook.lights).toBe(practiceRulebook2026.lights);
    expect(lightRulesOf(defaultRulebook)).toEqual({
      form: 'ratio',
      bands: { red: 0.6, yellow: 0.8, blue: 1.2 },
      budgetBands: { red: 0.6, yellow: 0.8 },
      proratedKinds: ['quantity', 'economic', 'social', 'ecological', 'sustainability', 'service-recipient'],
      unproratedForm: 'comparator',
      firstAssessmentMonth: 6,
      assessmentMonths: [6, 7, 8, 9, 10, 11, 12],
    });
    expect(validateRulebook(practiceRulebook2026)).toBeNull();
  });

  it('a rulebook without one (national-2020 v1, and every rulebook published before lights) keeps the gap form it had', () => {
    expect(nationalRulebook2020.lights).toBeUndefined();
    expect(lightRulesOf(nationalRulebook2020)).toBe(gapFormLights);
    expect(gapFormLights).toMatchObject({ form: 'gap', firstAssessmentMonth: 1, assessmentMonths: [] });
    expect(validateRulebook(nationalRulebook2020)).toBeNull();
  });

  it.each([
    ['bands out of order', { bands: { red: 0.8, yellow: 0.6, blue: 1.2 } }],
    ['a zero band', { bands: { red: 0, yellow: 0.8, blue: 1.2 } }],
    ['budget bands out of order', { budgetBands: { red: 0.9, yellow: 0.8 } }],
    ['an unknown form', { form: 'points' }],
    ['a first assessment month 13', { firstAssessmentMonth: 13 }],
    ['an assessment month before the first', { assessmentMonths: [5, 6] }],
    ['assessment months not rising', { assessmentMonths: [7, 6] }],
  ])('refuses %s', (_name, change) => {
    const rulebook = { ...practiceRulebook2026, version: 2, lights: { ...deployedPracticeLights, ...change } as never };
    expect(validateRulebook(rulebook)?.ruleId).toBe('rulebook.lights-invalid');
  });
});
