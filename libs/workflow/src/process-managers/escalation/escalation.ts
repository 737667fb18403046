import { derivedId } from '@jixiao/domain';
import { command, type ProcessManager } from '../../process-manager.js';

const DAY_MS = 86_400_000;

/** The escalation timer of one deviation, injective in (project, deviation) (issue 11). */
export const escalationTimerId = (projectId: string, deviationId: string) => derivedId('escalation-timer', projectId, deviationId);
/** The id such a timer had before issue 11; timers stored under it still count (DESIGN §6.5). */
export const legacyEscalationTimerId = (projectId: string, deviationId: string) => `escalation-${projectId}-${deviationId}`;

/**
 * 5. Escalation: a red deviation left unexplained for the rulebook's escalation days is
 * escalated to finance. Explaining it cancels the timer; when the timer fires, a
 * deviation still open and not escalated is escalated.
 */
export const escalation: ProcessManager = {
  name: 'escalation',
  handles: ['DeviationFlagged', 'DeviationExplained', 'TimerFired'],
  react(event, { projectId, project: state }, rulebook) {
    const deviationId = event.type === 'TimerFired' ? (event.data['payload'] as { deviationId: string }).deviationId : (event.data['deviationId'] as string);
    const timer = { timerId: escalationTimerId(projectId, deviationId), legacyTimerId: legacyEscalationTimerId(projectId, deviationId), payload: { deviationId } };
    if (event.type === 'DeviationFlagged') {
      if (event.data['level'] !== 'red') return [];
      const dueAt = new Date(Date.parse(event.data['flaggedAt'] as string) + rulebook.escalationDays * DAY_MS).toISOString();
      return [{ kind: 'schedule', ...timer, dueAt }];
    }
    if (event.type === 'DeviationExplained') return [{ kind: 'cancel', ...timer }];
    const deviation = state.deviations.find((d) => d.deviationId === deviationId);
    if (!deviation || deviation.status !== 'open' || deviation.escalated) return [];
    return [command({ type: 'EscalateDeviation', deviationId })];
  },
};
