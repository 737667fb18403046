import { practiceRulebook2027, seededRandom, type Grade, type ResultDecision, type Rulebook } from '@jixiao/domain';
import { quarterlyRulebook } from './fiscal-year.js';

/**
 * The three-year simulation's rulebook: the quarterly regional rules with practice-2027's
 * result policy (财预〔2020〕10号 as data): finance chooses each result and cut among what
 * the grade allows; 中 and 差 get rectification ordered; no allocation while a
 * rectification is overdue and unverified.
 */
export const continuingRulebook: Rulebook = {
  ...quarterlyRulebook,
  id: 'sim-quarterly-10hao',
  version: 1,
  resultPolicy: practiceRulebook2027.resultPolicy,
  allocateWithOverdueRectification: false,
};

export type PlannedGrade = Exclude<Grade, 'low'>;

/** The reasons the plan gives for an allocation above the cut cap 超限理由. */
export const CAP_EXCEPTION_REASONS = [
  'Prioritised after a good result 结果优良，优先保障',
  'Policy scope widened 政策扩围',
  'Prices rose 价格上涨',
] as const;

/** What the seed decides for one fiscal year of one project. Money in fen. */
export interface YearPlan {
  readonly fiscalYear: number;
  /** The amount asked for this year (the proposal, or the next-cycle request). */
  readonly requestedFen: number;
  /** The allocation 预算批复. In a following year: the cap plus `aboveCapFen`, or the cap less some. */
  readonly allocatedFen: number;
  /** How far the allocation goes above the cap (0 within it); above it, `capExceptionReason` is given. */
  readonly aboveCapFen: number;
  readonly capExceptionReason: string | null;
  /** A mid-year budget adjustment 预算调整 to this budget (fen), or null. */
  readonly adjustedBudgetFen: number | null;
  readonly grade: PlannedGrade;
  /** Quarters (1–3) whose reading is never sent. */
  readonly skipped: readonly number[];
  /** Q2 reading far behind progress, never explained. */
  readonly redInQ2: boolean;
  /** Finance's result decision, among those the grade allows under continuingRulebook. */
  readonly result: ResultDecision;
  /** Finance cuts the budget on the evaluation (CutBudget; allowed for 中 and 差). */
  readonly cut: boolean;
  /** For 中 and 差 (rectification ordered): reported and verified in time, or late (after the deadline, before the next allocation). */
  readonly rectification: 'in-time' | 'late' | null;
  /** The department asks for the next year (OpenNextCycle). A cancelled project asks too, and is refused. */
  readonly asksNextYear: boolean;
}

export interface ContinuingProjectPlan {
  readonly projectId: string;
  readonly department: string;
  /** The years it lives, consecutive from the first; fewer than asked when it stops. */
  readonly years: readonly YearPlan[];
}

/** Share of the year's budget in force a cut takes, by cause (continuingRulebook's, read here so the plan's arithmetic is its own). */
export const CUT_PROPORTION = {
  fair: continuingRulebook.resultPolicy.fair!.cutProportion,
  poor: continuingRulebook.resultPolicy.poor!.cutProportion,
  overdueRectification: continuingRulebook.overdueRectificationCutProportion,
} as const;

/** The first year's budget of every project, fen (100,000 yuan). */
export const FIRST_BUDGET_FEN = 10_000_000;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * A fixed seeded plan for `projects` projects over `years` fiscal years from `firstYear`:
 * each year's grade, finance's result and cut, whether rectification is late, a mid-year
 * adjustment for some, and the next year's allocation against the cap (year N's budget in
 * force less its cuts, which the plan works out as the domain will), within it or above it
 * by a stated amount with a reason. Cancelled and suspended projects stop; a few others
 * end when their work is done.
 */
export function planContinuingProjects(projects: number, seed: number, firstYear: number, years = 3): ContinuingProjectPlan[] {
  const random = seededRandom(seed);
  return Array.from({ length: projects }, (_, i) => {
    const plans: YearPlan[] = [];
    let allocatedFen = FIRST_BUDGET_FEN;
    let requestedFen = FIRST_BUDGET_FEN;
    let aboveCapFen = 0;
    let capExceptionReason: string | null = null;
    for (let n = 0; n < years; n++) {
      const g = random();
      const grade: PlannedGrade = g < 0.15 ? 'excellent' : g < 0.5 ? 'good' : g < 0.8 ? 'fair' : 'poor';
      const skipped = [1, 2, 3].filter(() => random() < 0.1);
      const redInQ2 = !skipped.includes(2) && random() < 0.1;
      const adjustedBudgetFen = random() < 0.1 ? allocatedFen + (random() < 0.5 ? -1 : 1) * 10_000 * (1 + Math.floor(random() * 50)) : null;
      const allowed = continuingRulebook.resultPolicy[grade]!.decisions;
      const result = pick(random, allowed);
      const cut = grade === 'poor' ? result !== 'adjust-use' || random() < 0.5 : grade === 'fair' ? result === 'reduce' || random() < 0.4 : false;
      const rectification = grade === 'fair' || grade === 'poor' ? (random() < 0.7 ? 'in-time' : 'late') : null;
      const last = n === years - 1;
      const asksNextYear = !last && result !== 'suspend' && (result === 'cancel' || random() < 0.95);
      const year: YearPlan = {
        fiscalYear: firstYear + n,
        requestedFen,
        allocatedFen,
        aboveCapFen,
        capExceptionReason,
        adjustedBudgetFen,
        grade,
        skipped,
        redInQ2,
        result,
        cut,
        rectification,
        asksNextYear,
      };
      plans.push(year);
      if (!asksNextYear || result === 'cancel') break;
      // The next year's allocation, against the cap this year hands on.
      const budget = adjustedBudgetFen ?? allocatedFen;
      const cuts =
        (cut ? Math.round(budget * CUT_PROPORTION[grade as 'fair' | 'poor']) : 0) +
        (rectification === 'late' ? Math.round(budget * CUT_PROPORTION.overdueRectification) : 0);
      const cap = Math.max(0, budget - cuts);
      const above = random() < (result === 'prioritise' ? 0.5 : 0.15);
      aboveCapFen = above ? 10_000 * (1 + Math.floor(random() * 100)) : 0;
      capExceptionReason = above ? pick(random, CAP_EXCEPTION_REASONS) : null;
      allocatedFen = above ? cap + aboveCapFen : cap - 10_000 * Math.floor(random() * 20);
      requestedFen = allocatedFen + (random() < 0.5 ? 0 : 10_000 * Math.floor(random() * 50));
    }
    return { projectId: `sim3-${i}`, department: `dept-${i % 40}`, years: plans };
  });
}
