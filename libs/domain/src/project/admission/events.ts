import type { DomainEvent } from '../../shared/domain-event.js';
import type { ProjectState } from '../state.js';

/** Admitted to the project library 入库: only admitted projects can be funded. */
export type ProjectAdmitted = DomainEvent<'ProjectAdmitted', { reviewScore: number; reasons: string[]; admittedAt: string }>;

/** Not admitted 未入库, with the reasons. */
export type ProjectRejected = DomainEvent<'ProjectRejected', { reviewScore: number; reasons: string[]; rejectedAt: string }>;

export type AdmissionEvent = ProjectAdmitted | ProjectRejected;

export const evolveAdmission = {
  ProjectAdmitted: (state: ProjectState, { data }: ProjectAdmitted): ProjectState => ({
    ...state,
    stage: 'admitted',
    admissionScore: data.reviewScore,
  }),
  ProjectRejected: (state: ProjectState, { data }: ProjectRejected): ProjectState => ({
    ...state,
    stage: 'rejected',
    admissionScore: data.reviewScore,
  }),
};
