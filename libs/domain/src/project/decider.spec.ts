import { decide, evolve, projectDecider, replay } from './decider.js';
import { initialProjectState } from './state.js';
import type { ProjectCommand } from './commands.js';
import type { ProjectEvent } from './events.js';
import { ctx, e, historyAt } from '../testing/fixtures.js';
import { isDomainError } from '../shared/domain-error.js';

describe('projectDecider', () => {
  it('starts from an empty, non-existent project', () => {
    expect(projectDecider.initialState).toBe(initialProjectState);
    expect(initialProjectState).toMatchObject({ exists: false, stage: 'none', evaluators: [], closed: false });
  });

  it('refuses an unknown command type as an invariant, with a typed error', () => {
    const decision = decide({ type: 'LaunchRocket' } as unknown as ProjectCommand, replay(historyAt.executing), ctx);
    expect(decision).toMatchObject({ ok: false, error: { kind: 'invariant', ruleId: 'command.unknown' } });
    if (!decision.ok) expect(isDomainError(decision.error)).toBe(true);
  });

  it('ignores an event type it does not know instead of corrupting state', () => {
    const state = replay(historyAt.executing);
    expect(evolve(state, { type: 'SomethingElse', schemaVersion: 1, data: {} } as unknown as ProjectEvent)).toBe(state);
  });

  it('exposes what the API reads from a project', () => {
    const state = replay([...historyAt.evaluated, e.evaluatorAssigned('cpa-firm'), e.spent('x', 1_000, 1_000)]);
    expect(state).toMatchObject({
      exists: true,
      projectId: 'water-2025',
      department: 'water-bureau',
      fiscalYear: 2025,
      stage: 'evaluated',
      title: 'Rural drinking-water safety 2025',
      category: 'specific-purpose',
      requestedFen: 100_000_000,
      allocatedFen: 100_000_000,
      adjustedBudgetFen: 100_000_000,
      spentFen: 1_000,
      evaluators: ['cpa-firm'],
      evaluations: [{ evaluationId: 'eval-1', grade: 'good' }],
      deviations: [],
      rectifications: [],
      cuts: [],
      closed: false,
    });
    expect(state.indicators).toHaveLength(5);
  });
});
