import type { StoredEvent } from '@jixiao/event-store';
import type { SqlExecutor } from '../database/read-model-database.js';

/**
 * A read model: a name, a version, the tables it owns and one small handler per event
 * type ("on this event, change that row"). Its version is part of its identity: when
 * the code's version differs from the one stored, the runner drops its tables and
 * rebuilds it from position zero.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  /** DDL creating its tables and indexes, in portable SQL. */
  readonly schema: readonly string[];
  /** Tables dropped on rebuild. */
  readonly tables: readonly string[];
  /** Handlers by event type; events of other types pass by. Events arrive upcast to their current schema. */
  readonly handlers: Readonly<Record<string, (event: StoredEvent, tx: SqlExecutor) => Promise<void>>>;
}
