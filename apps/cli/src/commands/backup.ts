import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import {
  eventsDatabase,
  isSqliteCompanion,
  isSqliteDatabase,
  manifestName,
  sha256Of,
  type BackupFile,
  type BackupManifest,
} from './backup-manifest.js';
import { UsageError, type Output } from './output.js';

export interface BackupOptions {
  readonly clock?: () => Date;
}

interface Found {
  readonly path: string;
  readonly kind: 'sqlite' | 'file';
}

/**
 * What the data folder holds: every SQLite database (found by its header, whatever its
 * name), and every other regular file (key files a later release adds), recursively.
 * WAL, shared-memory and journal files are left out: a database's snapshot holds what
 * they committed. Anything that is not a regular file or folder is reported and skipped.
 */
function survey(dataDir: string, out: Output): Found[] {
  const found: Found[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full);
      else if (!stat.isFile()) out.error(`skipped ${relative(dataDir, full)}: not a regular file`);
      else if (!isSqliteCompanion(name)) {
        found.push({ path: relative(dataDir, full).split(sep).join('/'), kind: isSqliteDatabase(full) ? 'sqlite' : 'file' });
      }
    }
  };
  walk(dataDir);
  // The event store goes last. Read models, checkpoints, timers and leases are copied
  // first, so the copy's checkpoints are never ahead of its events: on start the runner
  // and the workflow catch up from them, exactly as after a crash.
  const rank = (f: Found) => (f.path === eventsDatabase ? 2 : f.kind === 'sqlite' ? 1 : 0);
  return found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/**
 * An online backup of the embedded data folder, taken while the api runs: each SQLite
 * database through `VACUUM INTO`, which copies a consistent snapshot inside one read
 * transaction (in WAL mode writers carry on meanwhile); every other regular file byte for
 * byte. The manifest (sizes, SHA-256, the event store's head) is written last, so a
 * folder without it is an interrupted backup, and restore-backup refuses it.
 * The target must be absent or empty. PostgreSQL installations use pg_dump (README).
 */
export async function backupDataFolder(dataDir: string, target: string, out: Output, options: BackupOptions = {}): Promise<BackupManifest> {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new UsageError(`No data folder at ${dataDir}`);
  if (existsSync(target) && readdirSync(target).length > 0) throw new UsageError(`${target} is not empty; back up into a new folder`);
  const files: BackupFile[] = [];
  let eventsHeadPosition = 0;
  for (const item of survey(dataDir, out)) {
    const source = join(dataDir, item.path);
    const destination = join(target, item.path);
    mkdirSync(dirname(destination), { recursive: true });
    if (item.kind === 'sqlite') {
      // Into a temporary name first: VACUUM INTO refuses an existing file, and a half-written copy never wears the real name.
      const partial = `${destination}.partial`;
      // Read-write open (VACUUM INTO only reads): a read-only connection cannot always open a WAL database.
      const db = new Database(source, { fileMustExist: true });
      try {
        // The CLI's own thread may wait for a checkpoint in progress; nothing else runs here.
        db.pragma('busy_timeout = 10000');
        db.prepare('VACUUM INTO ?').run(partial);
      } finally {
        db.close();
      }
      renameSync(partial, destination);
      if (item.path === eventsDatabase) eventsHeadPosition = headPositionOf(destination);
    } else {
      copyFileSync(source, destination);
    }
    const entry: BackupFile = { path: item.path, kind: item.kind, bytes: statSync(destination).size, sha256: await sha256Of(destination) };
    files.push(entry);
    out.line(`${entry.kind === 'sqlite' ? 'database' : 'file    '} ${entry.path} (${entry.bytes} bytes)`);
  }
  const manifest: BackupManifest = {
    format: 'jixiao-backup',
    version: 1,
    createdAt: (options.clock ?? (() => new Date()))().toISOString(),
    eventsHeadPosition,
    files,
  };
  writeFileSync(join(target, manifestName), JSON.stringify(manifest, null, 2) + '\n');
  out.line(`backup complete: ${files.length} file(s), events up to position ${eventsHeadPosition}, in ${target}`);
  return manifest;
}

function headPositionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    return hasEvents ? (db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}
