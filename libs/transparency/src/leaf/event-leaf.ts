import { stringify } from 'safe-stable-stringify';

/** The fields of a stored event that its leaf commits to: every field the export carries. */
export interface LeafEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
  /** The event's hash-chain hash (libs/event-store hash-chain/event-hash.ts). */
  readonly hash: string;
}

/**
 * A leaf's data: the RFC 8785 canonical JSON (UTF-8) of the event with its position
 * and its chain hash. That is the export line with its keys sorted, so an auditor
 * recomputes a leaf from an export with any JCS tool, and the leaf seals the content,
 * the place in the global log and the stream chain at once.
 */
export function eventLeafData(event: LeafEvent): Buffer {
  const { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash } = event;
  return Buffer.from(stringify({ id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt, hash })!, 'utf8');
}
