import { derivedId } from '@jixiao/domain';
import { command, type ProcessManager } from '../../process-manager.js';

const DAY_MS = 86_400_000;

/** The escalation timer of one deviation, injective in (project, deviation). */
export const escalationTimerId = (projectId: string, deviationId: string) => derivedId('escalation-timer', projectId, deviationId);
/** The id such a timer had before ids were derived; timers stored under it still count (DESIGN §6.5). */
export const legacyEscalationTimerId = (projectId: string, deviationId: string) => `escalation-${projectId}-${deviationId}`;

/**
 * 5. Escalation: a red deviation left unexplained for the rulebook's escalation days is
 * escalated to finance. The deadline is a person's, so it runs from entry time (DESIGN
 * §6.3): `flaggedAt` of a red flag, `raisedAt` of a yellow warning raised to red — a
 * back-filled year does not escalate at once. Explaining the deviation, or the data
 * clearing it, cancels the timer; when the timer fires, a deviation still open, unexplained
 * and not escalated is escalated.
 */
export const escalation: ProcessManager = {
  name: 'escalation',
  handles: ['DeviationFlagged', 'DeviationRaised', 'DeviationExplained', 'DeviationCleared', 'TimerFired'],
  react(event, { projectId, project: state }, rulebook) {
    const deviationId = event.type === 'TimerFired' ? (event.data['payload'] as { deviationId: string }).deviationId : (event.data['deviationId'] as string);
    const timer = { timerId: escalationTimerId(projectId, deviationId), legacyTimerId: legacyEscalationTimerId(projectId, deviationId), payload: { deviationId } };
    if (event.type === 'DeviationFlagged' || event.type === 'DeviationRaised') {
      if (event.data['level'] !== 'red') return [];
      // Entry time of the event that opened the warning: a person's deadline (§6.3).
      const openedAt = (event.data['flaggedAt'] ?? event.data['raisedAt']) as string;
      const dueAt = new Date(Date.parse(openedAt) + rulebook.escalationDays * DAY_MS).toISOString();
      return [{ kind: 'schedule', ...timer, dueAt }];
    }
    if (event.type === 'DeviationExplained' || event.type === 'DeviationCleared') return [{ kind: 'cancel', ...timer }];
    const deviation = state.deviations.find((d) => d.deviationId === deviationId);
    if (!deviation || deviation.status !== 'open' || deviation.escalated) return [];
    return [command({ type: 'EscalateDeviation', deviationId })];
  },
};
