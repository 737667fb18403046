import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalRulebook2020, projectStream, type ProjectCommand, type Rulebook } from '@jixiao/domain';
import { SqliteEventStore, type EventStore, type StoredEvent } from '@jixiao/event-store';
import { SqliteReadModelDatabase, type ReadModelDatabase } from '@jixiao/projections';
import { ProjectCommands, ProjectStates } from '@jixiao/application';
import { DirectCommandDispatcher } from '../dispatch/direct-dispatcher.js';
import type { CommandDispatcher } from '../ports/command-dispatcher.js';
import type { ProcessManager } from '../process-manager.js';
import { WorkflowEngine, type WorkflowEngineOptions } from '../runner/workflow-engine.js';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private ms: number) {}
  static at(iso: string) {
    return new FakeClock(Date.parse(iso));
  }
  now = (): Date => new Date(this.ms);
  set(iso: string) {
    this.ms = Date.parse(iso);
  }
  advanceDays(days: number) {
    this.ms += days * 86_400_000;
  }
}

export interface Harness {
  readonly folder: string;
  readonly store: EventStore;
  readonly db: ReadModelDatabase;
  readonly clock: FakeClock;
  readonly dispatcher: DirectCommandDispatcher;
  /** A user's command (not a process manager's), decided and appended now. */
  given(projectId: string, command: ProjectCommand): Promise<void>;
  engine(options?: Partial<WorkflowEngineOptions> & { processManagers?: readonly ProcessManager[]; dispatcher?: CommandDispatcher }): Promise<WorkflowEngine>;
  /** Another connection to the same read-model database (a second worker). */
  openDb(): Promise<ReadModelDatabase>;
  /** Reopens the read-model database, as a restarted worker would. */
  reopenDb(): Promise<ReadModelDatabase>;
  stream(projectId: string): Promise<StoredEvent[]>;
  types(projectId: string): Promise<string[]>;
  all(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/**
 * Another store and read-model database than the default SQLite files (PostgreSQL in the
 * tests that run on both); `openDb` opens a further connection to the same read models.
 */
export interface HarnessBackend {
  readonly store: EventStore;
  readonly openDb: () => Promise<ReadModelDatabase>;
}

export async function workflowHarness(start: string, rulebook: Rulebook = nationalRulebook2020, backend?: HarnessBackend): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-workflow-'));
  const store = backend?.store ?? new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
  const openDb = backend?.openDb ?? (async () => new SqliteReadModelDatabase(join(folder, 'read-models.sqlite')));
  let db = await openDb();
  const clock = FakeClock.at(start);
  const rulebookFn = async () => rulebook;
  const commands = new ProjectCommands(store, new ProjectStates(store), { rulebookFor: rulebookFn }, clock.now);
  const dispatcher = new DirectCommandDispatcher(commands);
  const users = new DirectCommandDispatcher(commands, { id: 'test-user', role: 'finance', department: null });
  const harness: Harness = {
    folder,
    store,
    get db() {
      return db;
    },
    clock,
    dispatcher,
    openDb,
    async given(projectId, command) {
      const key = randomUUID();
      const outcome = await users.dispatch(
        { projectId, command },
        { processManager: 'test-user', causationId: key, correlationId: key, idempotencyKey: key, rulebook: { id: rulebook.id, version: rulebook.version }, triggerPosition: 0 },
      );
      if (!outcome.ok) throw new Error(`${command.type} refused: ${outcome.refusal.ruleId} ${outcome.refusal.message}`);
    },
    async engine(options = {}) {
      const engine = new WorkflowEngine({ store, db, dispatcher, rulebook: rulebookFn, clock: clock.now, ...options });
      await engine.prepare();
      return engine;
    },
    async reopenDb() {
      await db.close();
      db = await openDb();
      return db;
    },
    async stream(projectId) {
      const events: StoredEvent[] = [];
      for await (const event of store.readStream(projectStream(projectId))) events.push(event);
      return events;
    },
    async types(projectId) {
      return (await harness.stream(projectId)).map((e) => e.type);
    },
    async all() {
      const events: StoredEvent[] = [];
      for await (const event of store.readAll()) events.push(event);
      return events;
    },
    async close() {
      await db.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Indicators of a small project: one output quantity and one satisfaction. */
export const simpleIndicators = (fiscalYear: number) => [
  { indicatorId: 'households', name: 'Households served', level: 'output', kind: 'quantity', comparator: '>=', target: 1200, unit: '户', criteria: null, direction: 'higher-is-better', weight: 70, deadline: `${fiscalYear}-12-31` },
  { indicatorId: 'satisfaction', name: 'Satisfied', level: 'satisfaction', kind: 'service-recipient', comparator: '>=', target: 90, unit: '%', criteria: null, direction: 'higher-is-better', weight: 30, deadline: `${fiscalYear}-12-31` },
] as const;

/** Commands that take a new project to execution: proposed, goals approved, admitted, funded. */
export const toExecution = (projectId: string, fiscalYear: number, department = 'water-bureau', amountFen = 100_000_000): ProjectCommand[] => [
  { type: 'ProposeProject', projectId, department, title: `Project ${projectId}`, category: 'specific-purpose', fiscalYear, requestedFen: amountFen },
  { type: 'SetPerformanceGoals', overallGoal: 'Serve 1,200 households', indicators: simpleIndicators(fiscalYear) as never },
  { type: 'ReviewGoals', grade: 'good' },
  { type: 'DecideAdmission', decision: 'admit', reviewScore: 88 },
  { type: 'AllocateBudget', amountFen },
];

/** Points that land in each grade band for simpleIndicators (caps 75 and 15 under national-2020; execution rate adds up to 10). */
export const scoresFor = (grade: 'excellent' | 'good' | 'fair' | 'poor') => {
  const share = { excellent: 1, good: 0.9, fair: 0.7, poor: 0.3 }[grade];
  return [
    { indicatorId: 'households', points: Math.floor(75 * share) },
    { indicatorId: 'satisfaction', points: Math.floor(15 * share) },
  ];
};
