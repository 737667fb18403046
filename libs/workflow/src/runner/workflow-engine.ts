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
import { describeError, failureKind } from '../parking/failure-kind.js';
import { ParkedReactions, parkedId, type ParkedReaction } from '../parking/parked-reactions.js';
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
  /** Called when a background pass fails (the pass stops without advancing; the next one retries after a back-off). */
  readonly onError?: (error: unknown) => void;
  /** Called when a reaction is parked (logged by the hosts). */
  readonly onParked?: (parked: ParkedReaction) => void;
  /** Tries of a reaction failing transiently before it is parked; 5 by default (JIXIAO_WORKFLOW_MAX_ATTEMPTS). */
  readonly maxAttempts?: number;
  /** First back-off after a failed pass, doubled per consecutive failure up to retryMaxMs; 250 ms and 30 s by default. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
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
  /** Reactions of this process manager set aside after failing (issue 11). */
  readonly parked: number;
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
 * A refusal is recorded and skipped. A reaction that fails deterministically (see
 * failureKind) is parked at once; one failing otherwise stops the pass at its event and
 * is tried again after a back-off, then parked after maxAttempts tries. Parked reactions
 * are listed and retried by id (`workflow parked`, `workflow retry <id>`); the process
 * manager goes on with the next event, so one poison event never halts the others.
 *
 * Leases: each process manager's lease is renewed during a pass, before every event once
 * a third of its time has gone, and the pass drops a process manager whose lease it can
 * no longer renew. Every checkpoint write is fenced by holder and expiry in one statement.
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
  readonly parked: ParkedReactions;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  /** Tries so far of the reaction a pass stopped at, by parked id (in memory: a restart starts counting again). */
  private readonly attempts = new Map<string, number>();
  /** When each lease held was last taken or renewed (this worker's clock, ms). */
  private readonly renewedAt = new Map<string, number>();
  private readonly leaseTtlMs: number;
  private running: Promise<void> | undefined;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WorkflowEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.processManagers = options.processManagers ?? allProcessManagers;
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.leases = new Leases(options.db, options.holder ?? `worker-${randomUUID()}`, this.clock, this.leaseTtlMs);
    this.parked = new ParkedReactions(options.db);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
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
    await this.parked.ensureTable();
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
    for (const pm of this.processManagers) if (await this.takeLease(pm)) held.push(pm);
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
      let failures = 0;
      while (!this.stopping) {
        let work = 0;
        try {
          work = await this.tick();
          failures = 0;
        } catch (error) {
          // Never let a failed pass end the loop (or the process): report, back off, go on.
          failures++;
          try {
            this.options.onError?.(error);
          } catch {
            // A failing logger must not stop the loop either.
          }
          const backOff = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(failures - 1, 20));
          await new Promise((resolve) => setTimeout(resolve, Math.max(this.idleMs, backOff)));
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
    const parked = await this.parked.counts();
    const out: WorkflowStatus[] = [];
    for (const pm of this.processManagers) {
      const position = saved.get(pm.name) ?? 0;
      out.push({ name: pm.name, position, head, lag: Math.max(0, head - position), held: await this.leases.holds(leaseName(pm)), parked: parked.get(pm.name) ?? 0 });
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
    const active = new Set(held);
    try {
      for (const event of batch) {
        for (const pm of held) {
          if (!active.has(pm) || event.position <= (this.positions.get(pm.name) ?? 0)) continue;
          if (this.concerns(pm, event)) {
            // Renew before the work, not once per pass: a long pass must not outlive its lease.
            if (!(await this.keepLease(pm))) {
              active.delete(pm);
              continue;
            }
            await this.handleOrPark(pm, event);
          }
          this.positions.set(pm.name, event.position);
        }
        if (active.size === 0) break;
      }
    } finally {
      await this.saveCheckpoints(held);
    }
    return batch.length;
  }

  /** Handles one event; parks it when the failure is deterministic or the tries are used up, else rethrows (the pass stops there). */
  private async handleOrPark(pm: ProcessManager, event: StoredEvent): Promise<void> {
    const id = parkedId(pm.name, event.position);
    try {
      await this.around(pm.name, () => this.handle(pm, event));
      this.attempts.delete(id);
    } catch (error) {
      const attempts = (this.attempts.get(id) ?? 0) + 1;
      const failure = failureKind(error);
      if (failure === 'transient' && attempts < this.maxAttempts) {
        this.attempts.set(id, attempts);
        throw error;
      }
      this.attempts.delete(id);
      const parked: ParkedReaction = {
        id,
        processManager: pm.name,
        eventId: event.id,
        eventType: event.type,
        position: event.position,
        projectId: projectIdOf(event) ?? '',
        failure,
        error: describeError(error),
        attempts,
        parkedAt: this.clock().toISOString(),
      };
      await this.parked.park(parked);
      try {
        this.options.onParked?.(parked);
      } catch {
        // Reporting must not undo the parking.
      }
    }
  }

  /** Parked reactions, oldest first. */
  async listParked(): Promise<ParkedReaction[]> {
    return this.parked.list();
  }

  /**
   * Carries out a parked reaction again (after a fix). On success the row is removed and
   * the answer is 'done'; a failure leaves it parked with the new error. The reaction is
   * keyed as on first delivery, so whatever part of it had been written is not written twice.
   */
  async retryParked(id: string): Promise<{ outcome: 'done' } | { outcome: 'failed'; error: string } | { outcome: 'unknown' }> {
    const row = await this.parked.get(id);
    const pm = row && this.processManagers.find((p) => p.name === row.processManager);
    if (!row || !pm) return { outcome: 'unknown' };
    let event: StoredEvent | undefined;
    for await (const stored of this.options.store.readAll({ after: row.position - 1, maxCount: 1 })) event = upcastStored(stored);
    if (!event || event.id !== row.eventId) return { outcome: 'unknown' };
    try {
      await this.handle(pm, event);
    } catch (error) {
      const message = describeError(error);
      await this.parked.park({ ...row, failure: failureKind(error), error: message, attempts: row.attempts + 1, parkedAt: this.clock().toISOString() });
      return { outcome: 'failed', error: message };
    }
    await this.parked.remove(id);
    return { outcome: 'done' };
  }

  /** Takes (or renews) a process manager's lease at the start of a pass. */
  private async takeLease(pm: ProcessManager): Promise<boolean> {
    const now = this.clock().getTime();
    if (!(await this.leases.acquire(leaseName(pm)))) {
      this.renewedAt.delete(pm.name);
      return false;
    }
    this.renewedAt.set(pm.name, now);
    return true;
  }

  /** Renews the lease once a third of its time has gone; false when it is no longer ours. */
  private async keepLease(pm: ProcessManager): Promise<boolean> {
    const last = this.renewedAt.get(pm.name);
    if (last !== undefined && this.clock().getTime() - last < this.leaseTtlMs / 3) return true;
    return this.takeLease(pm);
  }

  private concerns(pm: ProcessManager, event: StoredEvent): boolean {
    if (!pm.handles.includes(event.type)) return false;
    return event.type !== 'TimerFired' || event.data['processManager'] === pm.name;
  }

  private around<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.options.around ? this.options.around(name, work) : work();
  }

  private async saveCheckpoints(held: readonly ProcessManager[]): Promise<void> {
    const at = this.clock();
    const now = at.toISOString();
    await this.options.db.transaction(async (tx) => {
      for (const pm of held) {
        const position = this.positions.get(pm.name) ?? 0;
        // Only forward, and only under our own unexpired lease (holder and expiry, read in the
        // writing transaction): a worker whose lease lapsed never moves a checkpoint.
        const lease = await tx.get<{ holder: string | null; expires_at: number }>('SELECT holder, expires_at FROM workflow_leases WHERE name = ?', [leaseName(pm)]);
        if (lease?.holder !== this.leases.holder || Number(lease.expires_at) < at.getTime()) continue;
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
        // A timer stored under its pre-issue-11 id is this timer: do not schedule it twice (DESIGN §6.5).
        const owner = { processManager: pm.name, projectId, payload: reaction.payload };
        if (reaction.legacyTimerId && (await this.timers.owns(reaction.legacyTimerId, owner))) continue;
        await this.timers.schedule({ timerId: reaction.timerId, processManager: pm.name, projectId, dueAt: reaction.dueAt, payload: reaction.payload }, metadata);
      } else if (reaction.kind === 'cancel') {
        await this.timers.cancel(reaction.timerId, metadata);
        const owner = { processManager: pm.name, projectId, payload: reaction.payload };
        if (reaction.legacyTimerId && (await this.timers.owns(reaction.legacyTimerId, owner))) await this.timers.cancel(reaction.legacyTimerId, metadata);
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
