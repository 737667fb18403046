import type { IndicatorKind } from '../project/goals/indicator.js';
import { invariant, type DomainError } from '../shared/domain-error.js';
import type { Rulebook } from './rulebook.js';

/**
 * Monitoring lights 预警灯 (绩效运行监控): how a reading or budget execution is lit.
 * Kept in its own block of the rulebook so regions can publish their own.
 *
 * - `ratio` (the deployed practice, pmkpi `positiveindex01` and the Shanxi rule text,
 *   research/domain-rules.md R19–R22): the reading as a ratio of the target prorated by
 *   序时进度 — red below `bands.red`, yellow below `bands.yellow`, green below `bands.blue`,
 *   blue (target set too low 目标设定偏低) from `bands.blue`.
 * - `gap` (the form every rulebook published before lights had; national-2020 v1):
 *   the shortfall behind 序时进度 as a share of the target against `deviationThresholds`.
 */
export interface LightRules {
  form: 'ratio' | 'gap';
  /** Ratio bands for indicators, as shares (0.6 = 60%). */
  bands: { red: number; yellow: number; blue: number };
  /** Budget execution 预算执行率 ÷ 序时进度: red below `red`, yellow below `yellow`, green otherwise. */
  budgetBands: { red: number; yellow: number };
  /** Kinds whose higher-is-better targets are prorated by 序时进度 (quantity, benefits, satisfaction). */
  proratedKinds: IndicatorKind[];
  /**
   * Kinds not prorated (quality 质量, timeliness 时效, cost 成本): `comparator` lights them
   * green when the reading meets the target's comparator and red when not (R19);
   * `ratio` applies the ratio bands to the unprorated target.
   */
  unproratedForm: 'comparator' | 'ratio';
  /** Nothing is lit before the end of this month (6 = the end of June). */
  firstAssessmentMonth: number;
  /**
   * Months at whose end every executing project is assessed (AssessLights by timer), from
   * the first assessment month on; empty when lights change only as facts are recorded.
   */
  assessmentMonths: number[];
}

const PRORATED_KINDS: IndicatorKind[] = ['quantity', 'economic', 'social', 'ecological', 'sustainability', 'service-recipient'];

/** The deployed practice (ids 54724561805, 54558892881, 54658701560 in research/domain-rules.md). */
export const deployedPracticeLights: LightRules = {
  form: 'ratio',
  bands: { red: 0.6, yellow: 0.8, blue: 1.2 },
  budgetBands: { red: 0.6, yellow: 0.8 },
  proratedKinds: PRORATED_KINDS,
  unproratedForm: 'comparator',
  firstAssessmentMonth: 6,
  assessmentMonths: [6, 7, 8, 9, 10, 11, 12],
};

/**
 * What a rulebook without a `lights` block means: the gap form every kind of indicator
 * prorated, lit from the first month. This is how national-2020 v1 (and any rulebook
 * published before lights existed) produced its deviations, so old data keep their meaning.
 */
export const gapFormLights: LightRules = {
  form: 'gap',
  bands: { red: 0.6, yellow: 0.8, blue: 1.2 },
  budgetBands: { red: 0.6, yellow: 0.8 },
  proratedKinds: ['quantity', 'quality', 'timeliness', 'cost', ...PRORATED_KINDS.slice(1)],
  unproratedForm: 'ratio',
  firstAssessmentMonth: 1,
  // national-2020 v1 judged only when a reading or an expenditure arrived; it had no assessment dates.
  assessmentMonths: [],
};

export const lightRulesOf = (rulebook: Pick<Rulebook, 'lights'>): LightRules => rulebook.lights ?? gapFormLights;

const isShare = (n: unknown, max = 10): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= max;

/** A lights block is optional; when given, every band is ordered and the first assessment month is 1–12. */
export const validateLightRules = (lights: LightRules | undefined): DomainError | null => {
  if (lights === undefined) return null;
  const b = lights.bands;
  const budget = lights.budgetBands;
  const valid =
    ['ratio', 'gap'].includes(lights.form) &&
    ['comparator', 'ratio'].includes(lights.unproratedForm) &&
    !!b && isShare(b.red) && isShare(b.yellow) && isShare(b.blue) && b.red < b.yellow && b.yellow < b.blue &&
    !!budget && isShare(budget.red) && isShare(budget.yellow) && budget.red < budget.yellow &&
    Array.isArray(lights.proratedKinds) &&
    Number.isInteger(lights.firstAssessmentMonth) && lights.firstAssessmentMonth >= 1 && lights.firstAssessmentMonth <= 12 &&
    Array.isArray(lights.assessmentMonths) &&
    lights.assessmentMonths.every((m, i, all) => Number.isInteger(m) && m >= lights.firstAssessmentMonth && m <= 12 && (i === 0 || m > all[i - 1]!));
  return valid
    ? null
    : invariant(
        'rulebook.lights-invalid',
        'Light bands need 0 < red < yellow < blue, budget bands 0 < red < yellow, a first assessment month from 1 to 12, and assessment months rising from it to 12.',
        '预警灯区间须满足 0 < 红 < 黄 < 蓝，预算执行区间须满足 0 < 红 < 黄，首次评估月份须在 1 至 12 之间，评估月份须自首次评估月份起递增且不超过 12。',
      );
};
