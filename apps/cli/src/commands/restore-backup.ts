import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, verifyChains } from '@jixiao/event-store';
import { eventsDatabase, manifestName, parseManifest, sha256Of, type BackupManifest } from './backup-manifest.js';
import { UsageError, type Output } from './output.js';

/**
 * Puts a backup in place as the data folder: only into an absent or empty folder, and
 * only after every check passes, so a refused restore leaves nothing behind.
 * 1. the manifest parses, and every file it lists is there with its size and SHA-256;
 * 2. each database passes SQLite's quick_check;
 * 3. the event store's hash chains and anchors verify, and its head is the manifest's.
 * Workflow leases in the copy belonged to the source's processes, which do not run here:
 * they are released, so the restored workflow resumes at once instead of after their expiry.
 * The files are assembled in a staging folder beside the target and renamed into place.
 * Start the api on the folder afterwards; read models and the workflow catch up from
 * their checkpoints.
 */
export async function restoreBackup(backupDir: string, dataDir: string, out: Output): Promise<BackupManifest> {
  const manifestFile = join(backupDir, manifestName);
  if (!existsSync(manifestFile)) throw new UsageError(`${backupDir} has no ${manifestName}: not a backup, or an interrupted one`);
  let manifest: BackupManifest;
  try {
    manifest = parseManifest(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new UsageError(`${dataDir} is not empty; restore a backup only into a new data folder`);
  }
  for (const file of manifest.files) {
    const source = join(backupDir, file.path);
    if (!existsSync(source)) throw new UsageError(`${file.path} is listed in the manifest but missing`);
    const bytes = statSync(source).size;
    if (bytes !== file.bytes || (await sha256Of(source)) !== file.sha256) {
      throw new UsageError(`${file.path} differs from the manifest (${bytes} bytes): the backup was changed or damaged`);
    }
  }

  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of manifest.files) {
      const destination = join(staging, file.path);
      mkdirSync(dirname(destination), { recursive: true });
      copyFileSync(join(backupDir, file.path), destination);
      if (file.kind === 'sqlite') {
        quickCheck(destination, file.path);
        releaseLeases(destination);
      }
    }
    if (manifest.files.some((f) => f.path === eventsDatabase)) await verifyEvents(join(staging, eventsDatabase), manifest, out);
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true }); // empty, checked above
    mkdirSync(dirname(dataDir), { recursive: true });
    renameSync(staging, dataDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  out.line(`restored ${manifest.files.length} file(s) from the backup of ${manifest.createdAt} into ${dataDir}`);
  return manifest;
}

function quickCheck(file: string, name: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new UsageError(`${name}: SQLite quick_check says ${String(result)}`);
  } finally {
    db.close();
  }
}

function releaseLeases(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const hasLeases = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workflow_leases'").get();
    if (hasLeases) db.exec('UPDATE workflow_leases SET holder = NULL, expires_at = 0');
  } finally {
    db.close();
  }
}

async function verifyEvents(file: string, manifest: BackupManifest, out: Output): Promise<void> {
  const store = new SqliteEventStore({ file });
  try {
    const report = await verifyChains(store);
    if (!report.ok) {
      const b = report.firstBreak!;
      throw new UsageError(`the backup's event store does not verify: ${b.stream} revision ${b.revision} (position ${b.position}): ${b.reason}`);
    }
    if (report.headPosition !== manifest.eventsHeadPosition) {
      throw new UsageError(`the backup's event store ends at position ${report.headPosition}, the manifest says ${manifest.eventsHeadPosition}`);
    }
    out.line(`events verified: ${report.eventsChecked} events, ${report.streamsChecked} streams, ${report.anchorsChecked} anchor(s), head ${report.headPosition}`);
  } finally {
    await store.close();
  }
}
