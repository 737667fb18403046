import { eventCatalogue, type LocalizedText } from '@jixiao/domain';
import type { EventStore, StoredEvent } from '@jixiao/event-store';

/**
 * One event as an auditor reads it: the stored fact unchanged (data and metadata as
 * hashed), its place in the store, and the metadata an audit asks about lifted out
 * (who, under which correlation and command, when, under which rulebook).
 */
export interface AuditRecord {
  readonly id: string;
  readonly type: string;
  readonly label: LocalizedText;
  readonly schemaVersion: number;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly hash: string;
  readonly actor: unknown;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly commandId: string | null;
  readonly commandType: string | null;
  readonly occurredAt: string | null;
  /** The rulebook id and version that decided this event, when a rule did. */
  readonly rulebook: unknown;
  readonly data: StoredEvent['data'];
  readonly metadata: StoredEvent['metadata'];
}

/** The bilingual label of an event type; an unknown type is shown as itself. */
export function eventLabel(type: string): LocalizedText {
  const entry = (eventCatalogue as Record<string, { label: LocalizedText } | undefined>)[type];
  return entry?.label ?? { en: type, 'zh-CN': type };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function auditRecord(event: StoredEvent): AuditRecord {
  const m = event.metadata;
  return {
    id: event.id,
    type: event.type,
    label: eventLabel(event.type),
    schemaVersion: event.schemaVersion,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    hash: event.hash,
    actor: m['actor'] ?? null,
    correlationId: text(m['correlationId']),
    causationId: text(m['causationId']),
    commandId: text(m['commandId']),
    commandType: text(m['commandType']),
    occurredAt: text(m['occurredAt']),
    rulebook: event.data['rulebook'] ?? m['rulebook'] ?? null,
    data: event.data,
    metadata: m,
  };
}

/** Every field of a stored event, in a fixed order: one line of the NDJSON export. */
export function exportLine(event: StoredEvent): string {
  const { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash } = event;
  return JSON.stringify({ id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash });
}

/**
 * The NDJSON export, one line per stored event, read lazily: the whole store in global
 * order, or one project's stream. Nothing is gathered into an array.
 */
export async function* exportLines(store: EventStore, stream?: string): AsyncGenerator<string> {
  const events = stream === undefined ? store.readAll({ batchSize: 1000 }) : store.readStream(stream);
  for await (const event of events) yield exportLine(event) + '\n';
}
