import { derivedId, isAllowedIn, isRectificationOverdue } from '@jixiao/domain';
import { command, type ProcessManager } from '../../process-manager.js';

/** Derived ids, injective in their parts; a cut or action id lives inside one project's stream. */
export const rectificationTimerId = (projectId: string, rectificationId: string) => derivedId('rectification-timer', projectId, rectificationId);
export const overdueCutId = (rectificationId: string) => derivedId('overdue-cut', rectificationId);
export const overdueActionId = (rectificationId: string) => derivedId('overdue-accountability', rectificationId);
/** The ids these had before ids were derived: stored ones keep their meaning (DESIGN §6.5). */
export const legacyRectificationTimerId = (projectId: string, rectificationId: string) => `rectification-${projectId}-${rectificationId}`;
export const legacyOverdueActionId = (rectificationId: string) => `accountability-${rectificationId}`;

/** One second past the deadline: the domain counts a rectification overdue strictly after it. */
const justAfter = (deadline: string) => new Date(Date.parse(deadline) + 1000).toISOString();

/**
 * 3. Rectification deadline: RectificationOrdered → a timer at the deadline. When it
 * fires, a rectification still not reported (or sent back) is overdue: an accountability
 * action 问责 and a further cut, both citing the rectification (no cut while the next year
 * is not yet funded: its allocation waits for the rectification instead). A rectification
 * verified as done cancels its timer.
 */
export const rectificationDeadline: ProcessManager = {
  name: 'rectification-deadline',
  handles: ['RectificationOrdered', 'RectificationVerified', 'TimerFired'],
  react(event, { projectId, project: state }, _rulebook, now) {
    const rectificationId = event.type === 'TimerFired' ? ((event.data['payload'] as { rectificationId: string }).rectificationId) : (event.data['rectificationId'] as string);
    const timer = { timerId: rectificationTimerId(projectId, rectificationId), legacyTimerId: legacyRectificationTimerId(projectId, rectificationId), payload: { rectificationId } };
    if (event.type === 'RectificationOrdered') {
      return [{ kind: 'schedule', ...timer, dueAt: justAfter(event.data['deadline'] as string) }];
    }
    if (event.type === 'RectificationVerified') return event.data['passed'] === true ? [{ kind: 'cancel', ...timer }] : [];
    const rectification = state.rectifications.find((r) => r.rectificationId === rectificationId);
    if (!rectification || !isRectificationOverdue(rectification, now)) return [];
    const cause = { kind: 'rectification' as const, rectificationId };
    const sameCause = (c: { cause: { kind: string } }) => c.cause.kind === 'rectification' && (c.cause as typeof cause).rectificationId === rectificationId;
    return [
      // An action taken under the earlier id (before ids were derived) is the same action.
      ...([overdueActionId(rectificationId), legacyOverdueActionId(rectificationId)].some((id) => state.accountabilityActionIds.includes(id))
        ? []
        : [command({ type: 'TakeAccountabilityAction', actionId: overdueActionId(rectificationId), cause, target: state.department, measure: `Rectification ${rectificationId} not done by ${rectification.deadline} 整改逾期问责` })]),
      // A year not yet funded has no budget to cut: "整改到位后再予安排" holds its allocation instead.
      ...(state.cuts.some(sameCause) || !isAllowedIn(state.stage, 'CutBudget') ? [] : [command({ type: 'CutBudget', cutId: overdueCutId(rectificationId), cause })]),
    ];
  },
};
