import type { ProjectState } from '../state.js';

/**
 * The fiscal year a command's events belong to, recorded in their metadata (`fiscalYear`)
 * by the command pipeline: the year a proposal or a new cycle names, else the project's
 * current year.
 */
export const fiscalYearOfCommand = (command: { type: string; fiscalYear?: unknown }, state: Pick<ProjectState, 'fiscalYear'>): number =>
  (command.type === 'ProposeProject' || command.type === 'OpenNextCycle') && typeof command.fiscalYear === 'number'
    ? command.fiscalYear
    : state.fiscalYear;

interface YearedEvent {
  type: string;
  data: unknown;
  metadata?: { [key: string]: unknown };
}

/**
 * The fiscal year of an event after `current`: its metadata's `fiscalYear` when recorded;
 * else (an event stored before cycles existed, DESIGN §6.5) the year a ProjectProposed or
 * CycleOpened names, or the year in force before it. A stream without CycleOpened reads
 * as the one year of its proposal, as it always did.
 */
export const fiscalYearAfter = (current: number, event: YearedEvent): number => {
  const recorded = event.metadata?.['fiscalYear'];
  if (typeof recorded === 'number') return recorded;
  const named = (event.data as { fiscalYear?: unknown } | null)?.fiscalYear;
  return (event.type === 'ProjectProposed' || event.type === 'CycleOpened') && typeof named === 'number' ? named : current;
};

/** Pairs each event of one project's stream, in stream order, with its fiscal year. */
export const withFiscalYears = <E extends YearedEvent>(events: readonly E[]): Array<{ event: E; fiscalYear: number }> => {
  let year = 0;
  return events.map((event) => {
    year = fiscalYearAfter(year, event);
    return { event, fiscalYear: year };
  });
};
