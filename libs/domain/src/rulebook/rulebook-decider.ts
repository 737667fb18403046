import { accept, refuse, type Decision } from '../shared/decision.js';
import { invariant } from '../shared/domain-error.js';
import type { Rulebook } from './rulebook.js';
import { validateRulebook } from './validate-rulebook.js';

/** Each rulebook id is its own stream; its versions are events on it. */
export const rulebookStream = (rulebookId: string): string => `rulebook-${rulebookId}`;

export interface PublishRulebook {
  type: 'PublishRulebook';
  rulebook: Rulebook;
}
export type RulebookCommand = PublishRulebook;

export interface RulebookPublished {
  type: 'RulebookPublished';
  schemaVersion: 1;
  data: { rulebook: Rulebook; publishedAt: string };
}
export type RulebookEvent = RulebookPublished;

export interface RulebookState {
  id: string | null;
  /** Every published version, oldest first; events carry {id, version} to find them again. */
  versions: Rulebook[];
  current: Rulebook | null;
}

export const rulebookInitialState: RulebookState = { id: null, versions: [], current: null };

export const decideRulebook = (
  command: RulebookCommand,
  state: RulebookState,
  context: { now: string },
): Decision<RulebookEvent> => {
  const { rulebook } = command;
  const invalid = validateRulebook(rulebook);
  if (invalid) return refuse(invalid);
  if (state.id !== null && rulebook.id !== state.id) {
    return refuse(invariant('rulebook.id-mismatch', `This stream holds rulebook ${state.id}.`, `此流仅保存规则库 ${state.id}。`));
  }
  const latest = state.current?.version ?? 0;
  if (rulebook.version <= latest) {
    return refuse(
      invariant(
        'rulebook.version-not-increasing',
        `Version ${rulebook.version} must be greater than the published version ${latest}.`,
        `版本 ${rulebook.version} 须大于已发布版本 ${latest}。`,
        { latest },
      ),
    );
  }
  return accept({ type: 'RulebookPublished', schemaVersion: 1, data: { rulebook, publishedAt: context.now } });
};

export const evolveRulebook = (state: RulebookState, event: RulebookEvent): RulebookState => ({
  id: event.data.rulebook.id,
  versions: [...state.versions, event.data.rulebook],
  current: event.data.rulebook,
});

/** The rulebook decider, shaped like the project decider. */
export const rulebookDecider = {
  initialState: rulebookInitialState,
  decide: decideRulebook,
  evolve: evolveRulebook,
};
