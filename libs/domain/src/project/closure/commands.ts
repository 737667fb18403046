import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import { openRectifications, type ProjectState } from '../state.js';
import type { Stage } from '../stages.js';

export interface CloseProject {
  type: 'CloseProject';
  reason: string;
}

export const decideCloseProject = (c: CloseProject, state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (!isNonEmptyText(c.reason)) {
    return refuse(invariant('closure.reason-required', 'Closing a project needs a reason.', '关闭项目须说明理由。'));
  }
  const open = openRectifications(state);
  if (open.length > 0) {
    return refuse(
      invariant('closure.open-rectifications', 'Rectifications are still open; verify them before closing.', '尚有未完成的整改，核验后方可关闭。', {
        open: open.map((r) => r.rectificationId),
      }),
    );
  }
  return accept(makeEvent('ProjectClosed', { reason: c.reason, closedAt: ctx.now, closedFrom: state.stage as Stage }));
};
