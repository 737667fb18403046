import { createHash, randomUUID } from 'node:crypto';
import { rulebookRef, type Rulebook } from '@jixiao/domain';
import type { EventStore, JsonObject, StoredEvent } from '@jixiao/event-store';
import { ProjectionRunner, upcastStored, type ReadModelDatabase } from '@jixiao/projections';
import { ProjectStates } from '@jixiao/application';
import { Leases } from '../lease/lease.js';
import { workflowActor, type CommandDispatcher, type Refusal } from '../ports/command-dispatcher.js';
import { projectIdOf, type ProcessManager, type Reaction, type WorkflowEvent } from '../process-manager.js';
import { processManagers as allProcessManagers } from '../process-managers/all.js';
import { TimerScheduler, Timers } from '../timers/timers.js';
import { timersProjection } from '../timers/timers.projection.js';

export interface WorkflowEngineOptions {
  readonly store: EventStore;
  /** The read-model database: checkpoints, leases, the timer index and recorded refusals live here. */
  readonly db: ReadModelDatabase;
  readonly dispatcher: CommandDispatcher;
  /** The rulebook in force when an event is handled. */
  readonly rulebook: () => Promise<Rulebook>;
  readonly clock?: () => Date;
  readonly processManagers?: readonly ProcessManager[];
  /** Identifies this worker in leases; a random id by default. */
  readonly holder?: string;
  readonly leaseTtlMs?: number;
  readonly batchSize?: number;
  readonly idleMs?: number;
  /** Called when a background pass fails (the pass stops without advancing; the next one retries). */
  readonly onError?: (error: unknown) => void;
  /** Wraps each process manager's handling of one event (tests observe concurrency with it). */
  readonly around?: <T>(processManager: string, work: () => Promise<T>) => Promise<T>;
}

export interface RecordedRefusal extends Refusal {
  readonly processManager: string;
  readonly eventId: string;
  readonly position: number;
  readonly projectId: string;
  readonly commandType: string;
}

export interface WorkflowStatus {
  readonly name: string;
  readonly position: number;
  readonly head: number;
  readonly lag: number;
  readonly held: boolean;
}

export const TIMERS_LEASE = 'workflow:timers';
const leaseName = (pm: ProcessManager) => `workflow:${pm.name}`;
const digest = (reaction: Reaction) => createHash('sha256').update(JSON.stringify(reaction)).digest('hex').slice(0, 16);

/**
 * The workflow runner. Each process manager is a checkpointed subscriber over the global
 * order, run only by the worker holding its lease. For each event it reads the project's
 * state, asks the pure reaction what to do, and carries it out: commands through the
 * dispatcher (the CommandBus), timers as events in the store.
 *
 * Delivery is at least once; effects are exactly once. The checkpoint moves only after
 * an event's reactions are done, so a crash re-delivers; a re-delivered event re-issues
 * the same commands under the same idempotency keys (`pm:event:n:digest`), whose event
 * ids the store already holds, and the domain refuses a second use of the derived ids.
 * A refusal is recorded and skipped; any other error stops the pass at that event.
 */
export class WorkflowEngine {
  readonly processManagers: readonly ProcessManager[];
  readonly leases: Leases;
  readonly timers: Timers;
  private readonly scheduler: TimerScheduler;
  private readonly timerIndex: ProjectionRunner;
  private readonly states: ProjectStates;
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly positions = new Map<string, number>();
  private running: Promise<void> | undefined;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WorkflowEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.processManagers = options.processManagers ?? allProcessManagers;
    this.leases = new Leases(options.db, options.holder ?? `worker-${randomUUID()}`, this.clock, options.leaseTtlMs ?? 15_000);
    this.timers = new Timers(options.store, this.clock);
    this.scheduler = new TimerScheduler(options.db, this.timers, this.clock);
    this.timerIndex = new ProjectionRunner(options.store, options.db, [timersProjection], { batchSize: options.batchSize ?? 1000, clock: this.clock });
    this.states = new ProjectStates(options.store);
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 20;
  }

  async prepare(): Promise<void> {
    const { db } = this.options;
    await db.exec(`CREATE TABLE IF NOT EXISTS workflow_checkpoints (
      name TEXT PRIMARY KEY,
      position BIGINT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await db.exec(`CREATE TABLE IF NOT EXISTS workflow_refusals (
      process_manager TEXT NOT NULL,
      event_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      position BIGINT NOT NULL,
      project_id TEXT NOT NULL,
      command_type TEXT NOT NULL,
      kind TEXT NOT NULL,
      rule_id TEXT NOT NULL,
      message TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (process_manager, event_id, idempotency_key)
    )`);
    await this.leases.ensureTable();
    await this.timerIndex.prepare();
  }

  /** One pass: renew leases, index and fire due timers, then feed every held process manager up to the head. Resolves to the work done (0 when idle). */
  async tick(): Promise<number> {
    let work = 0;
    if (await this.leases.acquire(TIMERS_LEASE)) {
      for (let read; (read = await this.timerIndex.step()) > 0; ) work += read;
      work += await this.scheduler.fireDue();
    }
    const held: ProcessManager[] = [];
    for (const pm of this.processManagers) if (await this.leases.acquire(leaseName(pm))) held.push(pm);
    if (held.length > 0) {
      await this.loadPositions(held);
      for (let read; (read = await this.step(held)) > 0; ) work += read;
    }
    return work;
  }

  /** Ticks until a pass finds nothing to do: every event handled, no timer due. */
  async runUntilIdle(maxPasses = 10_000): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass++) if ((await this.tick()) === 0) return;
    throw new Error(`workflow still busy after ${maxPasses} passes`);
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        let work = 0;
        try {
          work = await this.tick();
        } catch (error) {
          this.options.onError?.(error);
          work = 0;
          await new Promise((resolve) => setTimeout(resolve, Math.max(this.idleMs, 250)));
          continue;
        }
        if (work === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const wake of waiters) wake();
          await new Promise((resolve) => setTimeout(resolve, this.idleMs));
        }
      }
    })();
  }

  /** Resolves after the background loop completes a pass with nothing to do that began after this call. */
  whenIdle(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      let passes = 0;
      const timer = setTimeout(() => reject(new Error(`workflow not idle within ${timeoutMs} ms`)), timeoutMs);
      // The pass under way when this is called may have started before; wait for the second idle pass.
      const wake = () => (++passes >= 2 ? (clearTimeout(timer), resolve()) : this.idleWaiters.push(wake));
      this.idleWaiters.push(wake);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Gives up every lease (a clean shutdown hands work to another worker at once). */
  async release(): Promise<void> {
    await this.leases.release(TIMERS_LEASE);
    for (const pm of this.processManagers) await this.leases.release(leaseName(pm));
  }

  async status(): Promise<WorkflowStatus[]> {
    const head = await this.options.store.headPosition();
    const rows = await this.options.db.all<{ name: string; position: number }>('SELECT name, position FROM workflow_checkpoints');
    const saved = new Map(rows.map((r) => [r.name, Number(r.position)]));
    const out: WorkflowStatus[] = [];
    for (const pm of this.processManagers) {
      const position = saved.get(pm.name) ?? 0;
      out.push({ name: pm.name, position, head, lag: Math.max(0, head - position), held: await this.leases.holds(leaseName(pm)) });
    }
    return out;
  }

  async refusals(): Promise<RecordedRefusal[]> {
    const rows = await this.options.db.all<Record<string, unknown>>('SELECT * FROM workflow_refusals ORDER BY position, process_manager');
    return rows.map((r) => ({
      processManager: String(r['process_manager']),
      eventId: String(r['event_id']),
      position: Number(r['position']),
      projectId: String(r['project_id']),
      commandType: String(r['command_type']),
      kind: String(r['kind']),
      ruleId: String(r['rule_id']),
      message: String(r['message']),
    }));
  }

  private async loadPositions(held: readonly ProcessManager[]): Promise<void> {
    for (const pm of held) {
      const row = await this.options.db.get<{ position: number }>('SELECT position FROM workflow_checkpoints WHERE name = ?', [pm.name]);
      this.positions.set(pm.name, Number(row?.position ?? 0));
    }
  }

  /** One batch for the held process managers; the checkpoint of each moves only past events it finished. */
  private async step(held: readonly ProcessManager[]): Promise<number> {
    const from = Math.min(...held.map((pm) => this.positions.get(pm.name) ?? 0));
    const batch: StoredEvent[] = [];
    for await (const event of this.options.store.readAll({ after: from, maxCount: this.batchSize, batchSize: this.batchSize })) batch.push(upcastStored(event));
    if (batch.length === 0) return 0;
    try {
      for (const event of batch) {
        for (const pm of held) {
          if (event.position <= (this.positions.get(pm.name) ?? 0)) continue;
          if (this.concerns(pm, event)) await this.around(pm.name, () => this.handle(pm, event));
          this.positions.set(pm.name, event.position);
        }
      }
    } finally {
      await this.saveCheckpoints(held);
    }
    return batch.length;
  }

  private concerns(pm: ProcessManager, event: StoredEvent): boolean {
    if (!pm.handles.includes(event.type)) return false;
    return event.type !== 'TimerFired' || event.data['processManager'] === pm.name;
  }

  private around<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.options.around ? this.options.around(name, work) : work();
  }

  private async saveCheckpoints(held: readonly ProcessManager[]): Promise<void> {
    const now = this.clock().toISOString();
    await this.options.db.transaction(async (tx) => {
      for (const pm of held) {
        const position = this.positions.get(pm.name) ?? 0;
        // Only forward, and only under our own lease: a worker that lost its lease never moves another's checkpoint.
        const lease = await tx.get<{ holder: string | null }>('SELECT holder FROM workflow_leases WHERE name = ?', [leaseName(pm)]);
        if (lease?.holder !== this.leases.holder) continue;
        await tx.run(
          `INSERT INTO workflow_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
           WHERE workflow_checkpoints.position < excluded.position`,
          [pm.name, position, now],
        );
      }
    });
  }

  /** Carries out one process manager's reactions to one event. */
  async handle(pm: ProcessManager, stored: StoredEvent): Promise<void> {
    const event: WorkflowEvent = stored;
    const projectId = projectIdOf(event);
    if (!projectId) return;
    const { state } = await this.states.load(projectId);
    if (!state.exists) return;
    const rulebook = await this.options.rulebook();
    const reactions = pm.react(event, { projectId, project: state }, rulebook, this.clock().toISOString());
    const correlationId = (event.metadata['correlationId'] as string | undefined) ?? event.id;
    const ref = rulebookRef(rulebook);
    const actor = workflowActor(pm.name);
    const metadata: JsonObject = {
      actor: { id: actor.id, role: actor.role, department: null },
      correlationId,
      causationId: event.id,
      workflow: { processManager: pm.name, triggeringEventId: event.id, rulebook: ref },
    };
    const seen = new Map<string, number>();
    for (const reaction of reactions) {
      // Keyed by what the command is, not where it sits in the list: a redelivery whose
      // reaction list has shrunk (some steps already done) still re-issues each one under its first key.
      const d = digest(reaction);
      const n = seen.get(d) ?? 0;
      seen.set(d, n + 1);
      const idempotencyKey = `${pm.name}:${event.id}:${d}${n ? `:${n}` : ''}`;
      if (reaction.kind === 'schedule') {
        await this.timers.schedule({ timerId: reaction.timerId, processManager: pm.name, projectId, dueAt: reaction.dueAt, payload: reaction.payload }, metadata);
      } else if (reaction.kind === 'cancel') {
        await this.timers.cancel(reaction.timerId, metadata);
      } else {
        const outcome = await this.options.dispatcher.dispatch(
          { projectId, command: reaction.command },
          { processManager: pm.name, causationId: event.id, correlationId, idempotencyKey, rulebook: ref, triggerPosition: event.position },
        );
        if (!outcome.ok) await this.recordRefusal(pm, event, projectId, reaction.command.type, idempotencyKey, outcome.refusal);
      }
    }
  }

  private async recordRefusal(pm: ProcessManager, event: WorkflowEvent, projectId: string, commandType: string, key: string, refusal: Refusal): Promise<void> {
    await this.options.db.run(
      `INSERT INTO workflow_refusals (process_manager, event_id, idempotency_key, position, project_id, command_type, kind, rule_id, message, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [pm.name, event.id, key, event.position, projectId, commandType, refusal.kind, refusal.ruleId, refusal.message, this.clock().toISOString()],
    );
  }
}
