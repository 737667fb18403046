/**
 * Given events / when command / then events: the one shape every decider spec takes.
 *
 *   given(...history).when(command, context).then(...expectedEvents)
 *   given(...history).when(command, context).thenRefuses('invariant', 'goals.weights-sum-100')
 */
import { decide, replay } from '../project/decider.js';
import type { ProjectCommand } from '../project/commands.js';
import type { DecideContext } from '../project/decide-context.js';
import type { ProjectDecision } from '../project/decision.js';
import type { ProjectEvent } from '../project/events.js';
import type { ProjectState } from '../project/state.js';
import type { DomainErrorKind } from '../shared/domain-error.js';
import { ctx as defaultContext } from './fixtures.js';

export interface Outcome {
  decision: ProjectDecision;
  state: ProjectState;
  then(...expected: ProjectEvent[]): void;
  thenRefuses(kind: DomainErrorKind, ruleId: string): void;
  /** State after applying the accepted events, for assertions on evolve. */
  stateAfter(): ProjectState;
}

export const given = (...history: ProjectEvent[]) => ({
  when(command: ProjectCommand, context: DecideContext = defaultContext): Outcome {
    const state = replay(history);
    const decision = decide(command, state, context);
    return {
      decision,
      state,
      then(...expected) {
        if (!decision.ok) throw new Error(`Expected events, got refusal ${decision.error.ruleId}: ${decision.error.message.en}`);
        expect(decision.events).toEqual(expected);
      },
      thenRefuses(kind, ruleId) {
        if (decision.ok) throw new Error(`Expected refusal ${ruleId}, got ${decision.events.map((e) => e.type).join(', ')}`);
        expect({ kind: decision.error.kind, ruleId: decision.error.ruleId }).toEqual({ kind, ruleId });
        expect(decision.error.message.en.length).toBeGreaterThan(0);
        expect(decision.error.message['zh-CN'].length).toBeGreaterThan(0);
      },
      stateAfter() {
        if (!decision.ok) throw new Error(`Refused: ${decision.error.ruleId}`);
        return replay(decision.events, state);
      },
    };
  },
});
