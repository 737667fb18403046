import { accept, refuse } from '../../shared/decision.js';
import { invariant } from '../../shared/domain-error.js';
import { isPositiveFen, type Fen } from '../../shared/money.js';
import { isNonEmptyText } from '../../shared/time.js';
import type { DecideContext } from '../decide-context.js';
import type { ProjectDecision } from '../decision.js';
import { makeEvent } from '../make-event.js';
import type { ProjectState } from '../state.js';
import type { ProjectCategory } from './events.js';

export interface ProposeProject {
  type: 'ProposeProject';
  projectId: string;
  department: string;
  title: string;
  category: ProjectCategory;
  fiscalYear: number;
  requestedFen: Fen;
  description?: string;
}

const CATEGORIES: readonly ProjectCategory[] = ['personnel', 'operating', 'specific-purpose'];

export const decideProposeProject = (c: ProposeProject, _state: ProjectState, ctx: DecideContext): ProjectDecision => {
  if (![c.projectId, c.department, c.title].every(isNonEmptyText)) {
    return refuse(
      invariant('proposal.fields-required', 'A proposal needs a project id, a department and a title.', '项目申报须有项目标识、预算单位和项目名称。'),
    );
  }
  if (!CATEGORIES.includes(c.category)) {
    return refuse(
      invariant(
        'proposal.category-invalid',
        'The category is personnel, operating or specific-purpose.',
        '支出类别须为人员类、运转类或特定目标类。',
        { category: c.category },
      ),
    );
  }
  if (!Number.isInteger(c.fiscalYear) || c.fiscalYear < 2000 || c.fiscalYear > 2100) {
    return refuse(invariant('proposal.fiscal-year-invalid', 'The fiscal year is a four-digit year.', '预算年度须为四位年份。'));
  }
  if (!isPositiveFen(c.requestedFen)) {
    return refuse(
      invariant('money.invalid-amount', 'The requested amount is a positive whole number of fen.', '申请金额须为正整数（分）。'),
    );
  }
  return accept(
    makeEvent('ProjectProposed', {
      projectId: c.projectId,
      department: c.department,
      title: c.title,
      category: c.category,
      fiscalYear: c.fiscalYear,
      requestedFen: c.requestedFen,
      description: c.description ?? null,
      proposedAt: ctx.now,
    }),
  );
};
