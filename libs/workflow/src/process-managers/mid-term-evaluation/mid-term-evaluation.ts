import { derivedId, midLifeOf, needsMidTermEvaluation, type ProjectState, type Rulebook } from '@jixiao/domain';
import { command, type ProcessManager } from '../../process-manager.js';

/** One timer per project and mid-life instant, so a changed period gets a timer of its own. */
export const midTermTimerId = (projectId: string, midLifeAt: string) => derivedId('mid-term-timer', projectId, midLifeAt);

/** The mid-life instant the project's medium-term goals call for, or null when none is owed. */
const owedMidLife = (state: ProjectState, rulebook: Rulebook): string | null => {
  const period = state.mediumTermGoals;
  if (!period || state.midTermEvaluation || state.closed) return null;
  return needsMidTermEvaluation(period.startYear, period.endYear, rulebook.midTermEvaluationMinYears ?? 5) ? midLifeOf(period.startYear, period.endYear) : null;
};

/**
 * 7. Mid-term evaluation 中期评价: 财预〔2020〕10号 "实施期5年及以上的项目，应适时开展中期和
 * 实施期后绩效评价". MediumTermGoalsSet with a period of five years or more (the rulebook's
 * `midTermEvaluationMinYears`) → a timer at mid-life; when it fires, the evaluation is
 * ordered, unless the period has since changed (its own timer then stands) or the project
 * closed.
 */
export const midTermEvaluation: ProcessManager = {
  name: 'mid-term-evaluation',
  handles: ['MediumTermGoalsSet', 'TimerFired'],
  react(event, { projectId, project: state }, rulebook) {
    const midLifeAt = owedMidLife(state, rulebook);
    if (event.type === 'MediumTermGoalsSet') {
      return midLifeAt ? [{ kind: 'schedule', timerId: midTermTimerId(projectId, midLifeAt), dueAt: midLifeAt, payload: { midLifeAt } }] : [];
    }
    const due = (event.data['payload'] as { midLifeAt?: string } | undefined)?.midLifeAt;
    return midLifeAt !== null && due === midLifeAt ? [command({ type: 'OrderMidTermEvaluation' })] : [];
  },
};
