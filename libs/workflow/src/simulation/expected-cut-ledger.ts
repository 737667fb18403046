import { CUT_PROPORTION, type ContinuingProjectPlan, type YearPlan } from './continuing-plan.js';
import type { CutLedger, CutLedgerYear } from './cut-ledger.js';

/** The cuts a planned year decides, fen each: finance's cut on the evaluation, and the workflow's on a late rectification. */
const cutsOf = (year: YearPlan): number[] => {
  const budget = year.adjustedBudgetFen ?? year.allocatedFen;
  return [
    ...(year.cut ? [Math.round(budget * CUT_PROPORTION[year.grade as 'fair' | 'poor'])] : []),
    ...(year.rectification === 'late' ? [Math.round(budget * CUT_PROPORTION.overdueRectification)] : []),
  ];
};

/**
 * The cut ledger counted from the plan alone, by plain arithmetic, without looking at the
 * store: each year's allocations; its cuts (the budget in force × the cause's proportion,
 * rounded to the fen); the year before's cuts applied by each following year's allocation;
 * and the allocations the plan put above the cap, by how much and why.
 */
export function expectedCutLedger(plans: readonly ContinuingProjectPlan[]): CutLedger {
  type Tally = { count: number; fen: number };
  type Year = { fiscalYear: number; allocated: Tally; cutsDecided: Tally; cutsApplied: Tally; exceptions: { count: number; aboveCapFen: number; reasons: Record<string, number> } };
  const years = new Map<number, Year>();
  const add = (into: Tally, amounts: readonly number[]) => {
    into.count += amounts.length;
    into.fen += amounts.reduce((a, b) => a + b, 0);
  };
  for (const plan of plans) {
    plan.years.forEach((year, n) => {
      let entry = years.get(year.fiscalYear);
      if (!entry) {
        entry = { fiscalYear: year.fiscalYear, allocated: { count: 0, fen: 0 }, cutsDecided: { count: 0, fen: 0 }, cutsApplied: { count: 0, fen: 0 }, exceptions: { count: 0, aboveCapFen: 0, reasons: {} } };
        years.set(year.fiscalYear, entry);
      }
      add(entry.allocated, [year.allocatedFen]);
      add(entry.cutsDecided, cutsOf(year));
      // A following year's allocation applies every cut of the year before.
      if (n > 0) add(entry.cutsApplied, cutsOf(plan.years[n - 1]!));
      if (year.aboveCapFen > 0) {
        entry.exceptions.count += 1;
        entry.exceptions.aboveCapFen += year.aboveCapFen;
        entry.exceptions.reasons[year.capExceptionReason!] = (entry.exceptions.reasons[year.capExceptionReason!] ?? 0) + 1;
      }
    });
  }
  const ledger: CutLedgerYear[] = [...years.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
  return { years: ledger, unmatchedApplications: 0 };
}
