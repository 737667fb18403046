import type { RulebookRef } from '../../rulebook/rulebook.js';
import type { DomainEvent } from '../../shared/domain-event.js';
import type { Light, LitSubject, SubjectLight } from '../../lights/light.js';
import type { ProjectState } from '../state.js';
import { sameSubject } from '../../lights/light.js';

/**
 * The light events (DESIGN §6.2): decided inside the command that records a reading or an
 * expenditure, a target adjustment, or an assessment at an assessment date, each naming the
 * rulebook that lit it. Read models project these and never compute a light.
 *
 * A warning's changes are DeviationFlagged (events.ts), DeviationRaised (yellow → red),
 * DeviationLowered (red → yellow) and DeviationCleared (back to green or blue). Any other
 * light a command gives is a LightAssessed.
 */
interface JudgementData {
  expected: number | null;
  actual: number | null;
  ratio: number | null;
  gap: number;
  progress: number;
  /** Business date judged (YYYY-MM-DD). */
  asOf: string;
  rulebook: RulebookRef;
}

/** A subject was lit, or a reading confirmed a light without changing a warning. */
export type LightAssessed = DomainEvent<'LightAssessed', JudgementData & { subject: LitSubject; light: Light; previous: Light | null }>;

/** An open yellow warning turned red. `raisedAt` is entry time. */
export type DeviationRaised = DomainEvent<'DeviationRaised', JudgementData & { deviationId: string; subject: LitSubject; level: 'red'; raisedAt: string }>;

/** An open red warning eased to yellow. `loweredAt` is entry time. */
export type DeviationLowered = DomainEvent<'DeviationLowered', JudgementData & { deviationId: string; subject: LitSubject; level: 'yellow'; loweredAt: string }>;

/** The data recovered: the warning is cleared, its history kept. `clearedAt` is entry time. */
export type DeviationCleared = DomainEvent<
  'DeviationCleared',
  JudgementData & { deviationId: string; subject: LitSubject; light: 'green' | 'blue'; clearedAt: string; explained: boolean }
>;

export type LightEvent = LightAssessed | DeviationRaised | DeviationLowered | DeviationCleared;

export const LIGHT_EVENT_TYPES = ['LightAssessed', 'DeviationFlagged', 'DeviationRaised', 'DeviationLowered', 'DeviationCleared'] as const;

/** Records the light a subject holds now (one entry per subject). */
export const setLight = (state: ProjectState, subject: LitSubject, light: Light, asOf: string): ProjectState => {
  const entry: SubjectLight = { subject, light, asOf };
  const index = state.lights.findIndex((l) => sameSubject(l.subject, subject));
  return { ...state, lights: index < 0 ? [...state.lights, entry] : state.lights.map((l, i) => (i === index ? entry : l)) };
};

const updateDeviation = (state: ProjectState, deviationId: string, change: (d: ProjectState['deviations'][number]) => ProjectState['deviations'][number]) => ({
  ...state,
  deviations: state.deviations.map((d) => (d.deviationId === deviationId ? change(d) : d)),
});

export const evolveLights = {
  LightAssessed: (state: ProjectState, { data }: LightAssessed): ProjectState => setLight(state, data.subject, data.light, data.asOf),
  DeviationRaised: (state: ProjectState, { data }: DeviationRaised): ProjectState =>
    setLight(updateDeviation(state, data.deviationId, (d) => ({ ...d, level: 'red' })), data.subject, 'red', data.asOf),
  DeviationLowered: (state: ProjectState, { data }: DeviationLowered): ProjectState =>
    setLight(updateDeviation(state, data.deviationId, (d) => ({ ...d, level: 'yellow' })), data.subject, 'yellow', data.asOf),
  DeviationCleared: (state: ProjectState, { data }: DeviationCleared): ProjectState =>
    setLight(updateDeviation(state, data.deviationId, (d) => ({ ...d, status: 'cleared' })), data.subject, data.light, data.asOf),
};
