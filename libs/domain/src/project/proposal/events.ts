import type { DomainEvent } from '../../shared/domain-event.js';
import type { Fen } from '../../shared/money.js';
import type { ProjectState } from '../state.js';

/** Expenditure category 支出类别: personnel 人员类, operating 运转类, specific-purpose 特定目标类. */
export type ProjectCategory = 'personnel' | 'operating' | 'specific-purpose';

/** A department 预算单位 proposed a budget project 项目. */
export type ProjectProposed = DomainEvent<
  'ProjectProposed',
  {
    projectId: string;
    department: string;
    title: string;
    category: ProjectCategory;
    fiscalYear: number;
    requestedFen: Fen;
    description: string | null;
    proposedAt: string;
  }
>;

export type ProposalEvent = ProjectProposed;

export const evolveProposal = {
  ProjectProposed: (state: ProjectState, { data }: ProjectProposed): ProjectState => ({
    ...state,
    exists: true,
    projectId: data.projectId,
    department: data.department,
    title: data.title,
    category: data.category,
    fiscalYear: data.fiscalYear,
    requestedFen: data.requestedFen,
    stage: 'proposed',
  }),
};
