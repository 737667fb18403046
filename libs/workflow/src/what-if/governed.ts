import { RESULT_EVENT_TYPE, type ProjectCommand, type ResultDecision } from '@jixiao/domain';
import type { JsonObject } from '@jixiao/event-store';

const DECISION_OF: ReadonlyMap<string, ResultDecision> = new Map(
  (Object.entries(RESULT_EVENT_TYPE) as [ResultDecision, string][]).map(([decision, type]) => [type, decision]),
);

/**
 * What the replay does with a person's decision the other rulebook refuses:
 * - `kept`: it still happens as the person made it (a result, with the grade as the other
 *   rulebook gives it; an allocation, without applying the cuts), so later years compare;
 * - `dropped`: it does not happen (a cut or an incentive the rules do not warrant, or a
 *   result the rules had already applied themselves);
 * - `life-ended`: the next year could not open (the project cancelled): nothing after replays.
 */
export type AfterRefusal = 'kept' | 'dropped' | 'life-ended';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The command a person gave, rebuilt from the event it recorded, for the people's
 * decisions whose content the rulebook governs: a result 结果应用 (which the grade must
 * allow), a cut 削减 (its proportion and amount), an incentive 激励 (the grade's
 * eligibility), the opening of a year 延续申报 (what the year before carries over: result,
 * cuts, cap) and an allocation 预算批复 (the cut cap, an overdue rectification). `companion`
 * is the PriorCutsApplied written with a BudgetAllocated, whose exception reason the
 * allocation gave. Null for any other event: a fact the replay keeps as it happened.
 */
export function governedCommand(type: string, data: JsonObject, companion?: JsonObject): ProjectCommand | null {
  const decision = DECISION_OF.get(type);
  if (decision) {
    const note = text(data['note']);
    return { type: 'ApplyResult', evaluationId: data['evaluationId'] as string, decision, ...(note !== undefined ? { note } : {}) };
  }
  switch (type) {
    case 'BudgetCut':
      return { type: 'CutBudget', cutId: data['cutId'] as string, cause: data['cause'] as never };
    case 'IncentiveGranted':
      return { type: 'GrantIncentive', incentiveId: data['incentiveId'] as string, evaluationId: data['evaluationId'] as string, measure: data['measure'] as string };
    case 'CycleOpened':
      return {
        type: 'OpenNextCycle',
        fiscalYear: data['fiscalYear'] as number,
        overallGoal: data['overallGoal'] as string,
        indicators: data['indicators'] as never,
        requestedFen: data['requestedFen'] as number,
      };
    case 'BudgetAllocated': {
      const reason = text(data['reason']);
      const documentNo = text(data['documentNo']);
      const capExceptionReason = text(companion?.['exceptionReason']);
      return {
        type: 'AllocateBudget',
        amountFen: data['amountFen'] as number,
        ...(reason !== undefined ? { reason } : {}),
        ...(documentNo !== undefined ? { documentNo } : {}),
        ...(capExceptionReason !== undefined ? { capExceptionReason } : {}),
      };
    }
    default:
      return null;
  }
}

/**
 * What follows a refusal of a rebuilt command (see AfterRefusal). A result refused at the
 * stage (the other rulebook applied one itself) is dropped; one the grade does not allow
 * is kept. An opening refused because the project was cancelled ends the life; one refused
 * at the stage (the other rulebook applied no result, leaving it to finance, who chose
 * under the live one) is decided again as though the result were applied: see whatIf.
 */
export function afterRefusal(command: ProjectCommand['type'], refusal: { kind: string; ruleId: string }): AfterRefusal {
  switch (command) {
    case 'ApplyResult':
      return refusal.kind === 'wrong-stage' ? 'dropped' : 'kept';
    case 'AllocateBudget':
      return 'kept';
    case 'OpenNextCycle':
      return refusal.kind === 'wrong-stage' ? 'kept' : 'life-ended';
    default:
      return 'dropped';
  }
}
