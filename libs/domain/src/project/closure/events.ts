import type { DomainEvent } from '../../shared/domain-event.js';
import type { ProjectState } from '../state.js';
import type { Stage } from '../stages.js';

/** The project was closed 项目关闭; its stream accepts no further command. */
export type ProjectClosed = DomainEvent<'ProjectClosed', { reason: string; closedAt: string; closedFrom: Stage }>;

export type ClosureEvent = ProjectClosed;

export const evolveClosure = {
  ProjectClosed: (state: ProjectState, _event: ProjectClosed): ProjectState => ({ ...state, stage: 'closed', closed: true }),
};
