import { createHash } from 'node:crypto';
import { assessmentChanges, assessmentDates, lightRulesOf, type Rulebook } from '@jixiao/domain';
import { command, type ProcessManager, type Reaction } from '../../process-manager.js';

/**
 * The assessment timer's id: a digest of the parts, so that hostile project ids can never
 * make two timers share one (no separator can be forged inside a digest).
 */
export const assessmentTimerId = (projectId: string, asOf: string): string =>
  `lights-${createHash('sha256').update(JSON.stringify(['lights-assessment', projectId, asOf])).digest('hex').slice(0, 32)}`;

/** The timer fires at the end of the assessment day (00:00 UTC of the next day). */
export const assessmentDueAt = (asOf: string): string => new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000).toISOString();

/**
 * The first assessment date of the rulebook in the fiscal year whose end is still ahead of
 * `enteredAt` (entry time): a back-filled year, entered after its dates, schedules none,
 * since the commands that recorded its facts already lit it as of their business dates.
 */
export const firstAssessmentAhead = (fiscalYear: number, rulebook: Rulebook, enteredAt: string): string | null =>
  assessmentDates(fiscalYear, lightRulesOf(rulebook)).find((d) => assessmentDueAt(d) > enteredAt) ?? null;

/** The assessment date after `asOf` (a late firing catches up one date at a time), or null after December. */
export const assessmentAfter = (fiscalYear: number, rulebook: Rulebook, asOf: string): string | null =>
  assessmentDates(fiscalYear, lightRulesOf(rulebook)).find((d) => d > asOf) ?? null;

const schedule = (projectId: string, asOf: string | null): Reaction[] =>
  asOf ? [{ kind: 'schedule', timerId: assessmentTimerId(projectId, asOf), dueAt: assessmentDueAt(asOf), payload: { asOf } }] : [];

/**
 * 6. Lights assessment 亮灯评估 (DESIGN §6.2): at each assessment date of the rulebook
 * (default: the end of June, then each month end) every executing project's lights are
 * assessed as of that date. The funding schedules the first date still ahead; each firing
 * issues AssessLights when the same pure judgement finds a change (the domain appends only
 * changes) and schedules the next date. Execution ending stops the chain.
 */
export const lightsAssessment: ProcessManager = {
  name: 'lights-assessment',
  handles: ['BudgetAllocated', 'TimerFired'],
  react(event, { projectId, project: state }, rulebook, now) {
    if (event.type === 'BudgetAllocated') {
      const enteredAt = (event.metadata['occurredAt'] as string | undefined) ?? now;
      return schedule(projectId, firstAssessmentAhead(state.fiscalYear, rulebook, enteredAt));
    }
    const asOf = (event.data['payload'] as { asOf: string }).asOf;
    // A date of a year the project has left (its next cycle opened since) assesses nothing.
    if (state.stage !== 'executing' || !asOf.startsWith(`${state.fiscalYear}-`)) return [];
    const changes = assessmentChanges(state, asOf, { now, rulebook });
    return [
      ...(changes.length > 0 ? [command({ type: 'AssessLights', asOf })] : []),
      ...schedule(projectId, assessmentAfter(state.fiscalYear, rulebook, asOf)),
    ];
  },
};
