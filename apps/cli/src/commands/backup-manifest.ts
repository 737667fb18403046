import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';

/** The file a backup folder is recognised by; written last, so a folder without it is incomplete. */
export const manifestName = 'jixiao-backup.json';

/** The file of the embedded event store, copied after every other database (see backup.ts). */
export const eventsDatabase = 'events.sqlite';

export interface BackupFile {
  /** Path relative to the data folder, with "/" separators. */
  readonly path: string;
  /** "sqlite": copied with VACUUM INTO (a consistent snapshot); "file": copied byte for byte (key files). */
  readonly kind: 'sqlite' | 'file';
  readonly bytes: number;
  /** SHA-256 of the copy, hex. */
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: 'jixiao-backup';
  readonly version: 1;
  /** When the backup finished, ISO-8601 UTC. */
  readonly createdAt: string;
  /** Global position of the last event in the copied event store (0 when empty or absent). */
  readonly eventsHeadPosition: number;
  readonly files: readonly BackupFile[];
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's 16-byte header: a database, whatever its name. */
export function isSqliteDatabase(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.equals(sqliteHeader);
  } finally {
    closeSync(fd);
  }
}

/** SQLite's companions of a database: their committed content is inside the database's snapshot. */
export const isSqliteCompanion = (name: string) => /-(wal|shm|journal)$/.test(name);

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Parses and checks a manifest; throws a message that says what is wrong. */
export function parseManifest(text: string): BackupManifest {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${manifestName} is not JSON`);
  }
  if (value?.format !== 'jixiao-backup' || value.version !== 1 || !Array.isArray(value.files)) {
    throw new Error(`${manifestName} is not a Jixiao backup manifest (format jixiao-backup, version 1)`);
  }
  for (const f of value.files) {
    const safe =
      typeof f?.path === 'string' && f.path.length > 0 && f.path.length <= 1000 &&
      !f.path.startsWith('/') && !f.path.split('/').some((part: string) => part === '..' || part === '' || part === '.');
    if (!safe || (f.kind !== 'sqlite' && f.kind !== 'file') || !Number.isInteger(f.bytes) || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw new Error(`${manifestName}: entry ${JSON.stringify(f?.path)} is not a safe relative path with kind, bytes and sha256`);
    }
  }
  return value as BackupManifest;
}
