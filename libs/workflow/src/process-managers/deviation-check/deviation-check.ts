import { checkBudgetDeviation, derivedId, readingDeviation, type DeviationLevel, type ProjectState } from '@jixiao/domain';
import { command, type ProcessManager, type Reaction } from '../../process-manager.js';

const rank: Record<DeviationLevel, number> = { none: 0, yellow: 1, red: 2 };

/**
 * Deviation ids are derived, so a flag for an indicator and period can exist only once.
 * Injective and apart from each other (issue 11): the earlier `dev-<indicator>-<period>`
 * met `dev-budget-<expenditure>` for an indicator named "budget"; ids stored so keep their meaning.
 */
export const indicatorDeviationId = (indicatorId: string, period: string) => derivedId('deviation', indicatorId, period);
export const budgetDeviationId = (expenditureId: string) => derivedId('budget-deviation', expenditureId);

const openOn = (state: ProjectState, indicatorId: string) =>
  state.deviations.filter((d) => d.status !== 'resolved' && d.subject.kind === 'indicator' && d.subject.indicatorId === indicatorId);

const backOnTrack = (state: ProjectState, indicatorId: string, resolution: string): Reaction[] =>
  openOn(state, indicatorId)
    // The domain resolves only explained deviations; an unexplained one waits for its explanation (or escalates).
    .filter((d) => d.status === 'explained')
    .map((d) => command({ type: 'ResolveDeviation', deviationId: d.deviationId, resolution }));

/**
 * 1. Readings and spending (双监控): a reading or an expenditure is checked against
 *    time-proportional progress 序时进度 by the rulebook's thresholds.
 * - A reading off track is flagged once for its indicator and period (the id is derived).
 * - While a yellow flag is open on the indicator, a further yellow reading adds nothing;
 *   a red one raises a red flag: the yellow escalates to red.
 * - A later reading back on track resolves the indicator's explained flags; a flag
 *   explained after its indicator came back on track is resolved then.
 * - Spending still behind progress raises one budget flag while none is open; spending
 *   that catches up resolves an explained budget flag.
 */
export const deviationCheck: ProcessManager = {
  name: 'deviation-check',
  handles: ['MonitoringReadingRecorded', 'ExpenditureRecorded', 'DeviationExplained'],
  react(event, { project: state }, rulebook, now) {
    if (!state.exists || state.stage !== 'executing') return [];
    if (event.type === 'MonitoringReadingRecorded') {
      const readingId = event.data['readingId'] as string;
      const reading = state.readings.find((r) => r.readingId === readingId);
      const check = reading && readingDeviation(state, reading, rulebook);
      if (!reading || !check) return [];
      if (check.level === 'none') return backOnTrack(state, reading.indicatorId, `Reading ${reading.period} is back on track`);
      const open = openOn(state, reading.indicatorId);
      const worstOpen = open.reduce<DeviationLevel>((w, d) => (rank[d.level] > rank[w] ? d.level : w), 'none');
      if (rank[check.level] <= rank[worstOpen]) return [];
      return [command({ type: 'FlagDeviation', deviationId: indicatorDeviationId(reading.indicatorId, reading.period), subject: { kind: 'indicator', readingId } })];
    }
    if (event.type === 'ExpenditureRecorded') {
      const check = checkBudgetDeviation({ spentFen: state.spentFen, adjustedBudgetFen: state.adjustedBudgetFen, asOf: now, fiscalYear: state.fiscalYear, rulebook });
      const open = state.deviations.filter((d) => d.subject.kind === 'budget' && d.status !== 'resolved');
      if (check.level === 'none') {
        return open
          .filter((d) => d.status === 'explained')
          .map((d) => command({ type: 'ResolveDeviation', deviationId: d.deviationId, resolution: 'Spending is back on pace' }));
      }
      if (open.length > 0) return [];
      return [command({ type: 'FlagDeviation', deviationId: budgetDeviationId(event.data['expenditureId'] as string), subject: { kind: 'budget' } })];
    }
    // DeviationExplained: resolve at once if the indicator's latest reading is already back on track.
    const deviation = state.deviations.find((d) => d.deviationId === event.data['deviationId']);
    if (!deviation || deviation.status !== 'explained' || deviation.subject.kind !== 'indicator') return [];
    const { indicatorId, period } = deviation.subject;
    const later = state.readings.filter((r) => r.indicatorId === indicatorId && r.period > period).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
    const check = later && readingDeviation(state, later, rulebook);
    if (!later || !check) return [];
    return check.level === 'none'
      ? [command({ type: 'ResolveDeviation', deviationId: deviation.deviationId, resolution: `Reading ${later.period} is back on track` })]
      : [];
  },
};
