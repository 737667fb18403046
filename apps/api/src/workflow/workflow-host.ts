import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@jixiao/event-store';
import type { ReadModelDatabase } from '@jixiao/projections';
import { WorkflowEngine } from '@jixiao/workflow';
import type { Rulebooks } from '@jixiao/application';
import { CommandBusDispatcher } from './command-bus.dispatcher.js';

/** Holds the workflow engine the app (or the worker) started, so health checks and tests can reach it. */
export class WorkflowHost {
  engine: WorkflowEngine | undefined;

  /** Builds, prepares and starts the engine on the CommandBus; idempotent. */
  async start(options: { store: EventStore; db: ReadModelDatabase; bus: CommandBus; rulebooks: Rulebooks; clock: () => Date; onError?: (error: unknown) => void; maxAttempts?: number }): Promise<WorkflowEngine> {
    if (this.engine) return this.engine;
    const engine = new WorkflowEngine({
      store: options.store,
      db: options.db,
      dispatcher: new CommandBusDispatcher(options.bus),
      rulebook: () => options.rulebooks.inForce(),
      clock: options.clock,
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      onParked: (parked) => console.error(`workflow parked ${parked.id} (${parked.eventType}, project ${JSON.stringify(parked.projectId)}, ${parked.failure} after ${parked.attempts} tries): ${parked.error}`),
    });
    await engine.prepare();
    engine.start();
    this.engine = engine;
    return engine;
  }

  async stop(): Promise<void> {
    if (!this.engine) return;
    await this.engine.stop();
    await this.engine.release();
    this.engine = undefined;
  }
}
