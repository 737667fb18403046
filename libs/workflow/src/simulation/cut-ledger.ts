import { fiscalYearAfter } from '@jixiao/domain';
import type { JsonObject } from '@jixiao/event-store';

/** A count and a sum of money, fen. */
export interface CountAndFen {
  readonly count: number;
  readonly fen: number;
}

/**
 * One fiscal year 预算年度 of the cut ledger 削减台账, over every project. Money in fen.
 * Source: the loop (财预〔2020〕10号: results "作为以后年度预算安排的重要参考"):
 * cuts decided in year N apply when year N+1 is allocated.
 */
export interface CutLedgerYear {
  readonly fiscalYear: number;
  /** Budgets allocated for the year (BudgetAllocated): how many, and their amounts. */
  readonly allocated: CountAndFen;
  /** Cuts decided in the year (BudgetCut): how many, and the sum of their recorded `amountFen`. */
  readonly cutsDecided: CountAndFen;
  /** Cuts of the year before that this year's allocations applied (PriorCutsApplied): how many cut ids, and `cutTotalFen`. */
  readonly cutsApplied: CountAndFen;
  /** Allocations above their cap, each with a stated reason 超限理由: how many, the sum of `allocatedFen − capFen`, and how many per reason. */
  readonly exceptions: { readonly count: number; readonly aboveCapFen: number; readonly reasons: Readonly<Record<string, number>> };
}

export interface CutLedger {
  /** Every fiscal year any project event belongs to, oldest first. */
  readonly years: readonly CutLedgerYear[];
  /**
   * Applications (PriorCutsApplied) that do not match the cuts their project recorded in
   * the year before: a cut id no BudgetCut of that project's `fromFiscalYear` has, a cut of
   * that year left out, or a `cutTotalFen` other than the sum of their recorded amounts. 0 in a sound store.
   */
  readonly unmatchedApplications: number;
}

/** What the ledger reads of a stored event: any StoredEvent fits. */
export interface LedgerEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

type MutableYear = { allocated: { count: number; fen: number }; cutsDecided: { count: number; fen: number }; cutsApplied: { count: number; fen: number }; exceptions: { count: number; aboveCapFen: number; reasons: Record<string, number> } };

/**
 * The cut ledger from stored events, in the store's order (`store.readAll()`): BudgetCut,
 * BudgetAllocated and PriorCutsApplied of every project stream, each in its fiscal year
 * (the domain's `fiscalYearAfter`, stream by stream: what `withFiscalYears` gives). Each
 * application is matched to the cuts its project recorded in the year it names.
 */
export async function cutLedgerOf(events: AsyncIterable<LedgerEvent> | Iterable<LedgerEvent>): Promise<CutLedger> {
  const years = new Map<number, MutableYear>();
  const yearOfStream = new Map<string, number>();
  /** stream → fiscal year → cut id → amount, fen. */
  const cuts = new Map<string, Map<number, Map<string, number>>>();
  const applications: { stream: string; fromFiscalYear: number; cutIds: string[]; cutTotalFen: number }[] = [];
  const entry = (fiscalYear: number): MutableYear => {
    let year = years.get(fiscalYear);
    if (!year) {
      year = { allocated: { count: 0, fen: 0 }, cutsDecided: { count: 0, fen: 0 }, cutsApplied: { count: 0, fen: 0 }, exceptions: { count: 0, aboveCapFen: 0, reasons: {} } };
      years.set(fiscalYear, year);
    }
    return year;
  };
  for await (const event of events) {
    if (!event.stream.startsWith('project-')) continue;
    const fiscalYear = fiscalYearAfter(yearOfStream.get(event.stream) ?? 0, event);
    yearOfStream.set(event.stream, fiscalYear);
    const { data } = event;
    if (event.type === 'BudgetAllocated') {
      const year = entry(fiscalYear);
      year.allocated.count += 1;
      year.allocated.fen += data['amountFen'] as number;
    } else if (event.type === 'BudgetCut') {
      const year = entry(fiscalYear);
      year.cutsDecided.count += 1;
      year.cutsDecided.fen += data['amountFen'] as number;
      const byYear = cuts.get(event.stream) ?? cuts.set(event.stream, new Map()).get(event.stream)!;
      const ofYear = byYear.get(fiscalYear) ?? byYear.set(fiscalYear, new Map()).get(fiscalYear)!;
      ofYear.set(data['cutId'] as string, data['amountFen'] as number);
    } else if (event.type === 'PriorCutsApplied') {
      const year = entry(fiscalYear);
      const cutIds = data['cutIds'] as string[];
      year.cutsApplied.count += cutIds.length;
      year.cutsApplied.fen += data['cutTotalFen'] as number;
      const reason = data['exceptionReason'] as string | null;
      if (reason !== null) {
        year.exceptions.count += 1;
        year.exceptions.aboveCapFen += (data['allocatedFen'] as number) - (data['capFen'] as number);
        year.exceptions.reasons[reason] = (year.exceptions.reasons[reason] ?? 0) + 1;
      }
      applications.push({ stream: event.stream, fromFiscalYear: data['fromFiscalYear'] as number, cutIds, cutTotalFen: data['cutTotalFen'] as number });
    }
  }
  const unmatchedApplications = applications.filter(({ stream, fromFiscalYear, cutIds, cutTotalFen }) => {
    const recorded = cuts.get(stream)?.get(fromFiscalYear) ?? new Map<string, number>();
    const named = new Set(cutIds);
    const total = cutIds.reduce((sum, id) => sum + (recorded.get(id) ?? 0), 0);
    return named.size !== cutIds.length || named.size !== recorded.size || cutIds.some((id) => !recorded.has(id)) || total !== cutTotalFen;
  }).length;
  return {
    years: [...years.entries()].sort(([a], [b]) => a - b).map(([fiscalYear, year]) => ({ fiscalYear, ...year })),
    unmatchedApplications,
  };
}
