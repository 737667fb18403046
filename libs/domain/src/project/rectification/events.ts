import type { RulebookRef } from '../../rulebook/rulebook.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { ProjectState } from '../state.js';
import type { Cause } from '../results/events.js';

/** Rectification 整改 was ordered, with a deadline (the rulebook's default unless given). */
export type RectificationOrdered = DomainEvent<
  'RectificationOrdered',
  { rectificationId: string; evaluationId: string | null; issues: string; orderedAt: string; deadline: string; rulebook: RulebookRef }
>;

export type RectificationReported = DomainEvent<
  'RectificationReported',
  { rectificationId: string; report: string; reportedAt: string; late: boolean }
>;

/** Finance checked the report: passed closes the rectification, failed sends it back. */
export type RectificationVerified = DomainEvent<
  'RectificationVerified',
  { rectificationId: string; passed: boolean; note: string | null; verifiedAt: string }
>;

/** Accountability 问责: someone is held responsible, for a poor grade or an overdue rectification. */
export type AccountabilityActionTaken = DomainEvent<
  'AccountabilityActionTaken',
  { actionId: string; cause: Cause; target: string; measure: string; takenAt: string; rulebook: RulebookRef }
>;

export type RectificationEvent = RectificationOrdered | RectificationReported | RectificationVerified | AccountabilityActionTaken;

const setStatus = (state: ProjectState, rectificationId: string, status: 'ordered' | 'reported' | 'verified'): ProjectState => ({
  ...state,
  rectifications: state.rectifications.map((r) => (r.rectificationId === rectificationId ? { ...r, status } : r)),
});

export const evolveRectification = {
  RectificationOrdered: (state: ProjectState, { data }: RectificationOrdered): ProjectState => ({
    ...state,
    rectifications: [
      ...state.rectifications,
      {
        rectificationId: data.rectificationId,
        evaluationId: data.evaluationId,
        issues: data.issues,
        orderedAt: data.orderedAt,
        deadline: data.deadline,
        status: 'ordered',
      },
    ],
  }),
  RectificationReported: (state: ProjectState, { data }: RectificationReported): ProjectState =>
    setStatus(state, data.rectificationId, 'reported'),
  RectificationVerified: (state: ProjectState, { data }: RectificationVerified): ProjectState =>
    setStatus(state, data.rectificationId, data.passed ? 'verified' : 'ordered'),
  AccountabilityActionTaken: (state: ProjectState, { data }: AccountabilityActionTaken): ProjectState => ({
    ...state,
    accountabilityActionIds: [...state.accountabilityActionIds, data.actionId],
  }),
};
