import type { ProjectCommand, ProjectState, Rulebook } from '@jixiao/domain';
import type { JsonObject } from '@jixiao/event-store';

/** An event as a process manager sees it: upcast, with where it sits in the log. */
export interface WorkflowEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly stream: string;
  readonly position: number;
}

/** What a process manager knows when it handles an event: the project's state now (its stream folded). */
export interface Knowledge {
  readonly projectId: string;
  readonly project: ProjectState;
}

/**
 * What a reaction asks for: a command, or a durable timer scheduled or cancelled.
 * `legacyTimerId` names the id the same timer had before timer ids were derived
 * injectively (issue 11). A timer stored under it keeps its meaning (DESIGN §6.5): the
 * runner treats it as this timer — scheduling again is a no-op, cancelling cancels it —
 * but only when that stored timer names this process manager, this project and the same
 * payload, because the old ids could collide across projects.
 */
export type Reaction =
  | { readonly kind: 'command'; readonly command: ProjectCommand }
  | { readonly kind: 'schedule'; readonly timerId: string; readonly dueAt: string; readonly payload: JsonObject; readonly legacyTimerId?: string }
  | { readonly kind: 'cancel'; readonly timerId: string; readonly payload: JsonObject; readonly legacyTimerId?: string };

/**
 * A process manager: a pure reaction from an event (and what is known of the project,
 * the rulebook in force and the time) to commands and timers. No I/O: the runner reads
 * the state, calls `react`, and carries out the reactions.
 */
export interface ProcessManager {
  readonly name: string;
  /** Event types it reacts to; TimerFired is delivered only for its own timers. */
  readonly handles: readonly string[];
  react(event: WorkflowEvent, knowledge: Knowledge, rulebook: Rulebook, now: string): Reaction[];
}

export const command = (c: ProjectCommand): Reaction => ({ kind: 'command', command: c });

/** The project a project-stream event belongs to, or the one a timer names. */
export const projectIdOf = (event: Pick<WorkflowEvent, 'stream' | 'type' | 'data'>): string | undefined => {
  if (event.stream.startsWith('project-')) return event.stream.slice('project-'.length);
  if (event.type === 'TimerFired') return event.data['projectId'] as string | undefined;
  return undefined;
};
