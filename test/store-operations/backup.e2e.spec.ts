import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { recordAnchor, verifyChains } from '@jixiao/event-store';
import { ProjectionRunner, readModelProjections, SqliteReadModelDatabase, type ReadModelDatabase } from '@jixiao/projections';
import { WorkflowHost } from '../../apps/api/src/workflow/workflow-host.js';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { goals, midYear, proposal } from '../support/lifecycle-fixtures.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The real CLI, as an operator runs it (`npm run cli -- …` after the build), on a given data folder. */
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env: { ...process.env, JIXIAO_DATA_DIR: dataDir, STORE: 'sqlite' } });

const tables = readModelProjections.flatMap((p) => p.tables);
async function snapshot(db: ReadModelDatabase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) out[table] = (await db.all(`SELECT * FROM ${table}`)).map((row) => JSON.stringify(row)).sort();
  return out;
}
const tableNames = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
  } finally {
    db.close();
  }
};

/**
 * Issue 13, part 2: `backup` while the api runs and takes commands, `restore-backup` into
 * a fresh folder, the api started on it: the chains and anchor verify, read models equal
 * a rebuild, the workflow resumes at lag 0, and a key file in the data folder came along.
 */
describe('online backup and restore-backup of the SQLite data folder', () => {
  const source = join(root, 'source');
  const backup = join(root, 'backup');
  const restored = join(root, 'restored');
  const key = randomBytes(64);
  let api: RunningApi | undefined;
  afterAll(async () => {
    await api?.close();
  });

  it('backs up under load, restores, and the restored api verifies, equals a rebuild and resumes the workflow', async () => {
    api = await startApi({ clock: midYear, workflow: true, dataDir: source });
    writeFileSync(join(source, 'signing.key'), key); // as a later release keeps its key in the data folder
    const department = await api.token({ role: 'department', department: 'water-bureau' });
    const finance = await api.token({ role: 'finance' });
    const lifecycle = async () => {
      const proposed = await api!.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
      expect(proposed.status).toBe(201);
      const path = `/api/v1/projects/${proposed.body.projectId}`;
      for (const [token, suffix, body] of [
        [department, '/goals', goals],
        [finance, '/goal-reviews', { grade: 'good' }],
        [finance, '/admission', { decision: 'admit', reviewScore: 88 }],
        [finance, '/allocations', { amountFen: 90_000_000 }],
      ] as const) {
        const response = await api!.call('POST', path + suffix, { token, body });
        expect(response.status).toBeLessThan(300);
      }
    };
    for (let i = 0; i < 5; i++) await lifecycle();
    const { anchor } = await verifyChains(api.store);
    await recordAnchor(api.store, anchor!, 'test', midYear().toISOString());

    // Load: two clients keep running lifecycles until the backup is done.
    let backingUp = true;
    let duringBackup = 0;
    const client = async () => {
      while (backingUp) {
        await lifecycle();
        if (backingUp) duringBackup++;
      }
    };
    const load = Promise.all([client(), client()]);
    const done = await cli(source, 'backup', backup).finally(() => {
      backingUp = false;
    });
    await load;
    expect(done.stdout).toMatch(/backup complete/);
    expect(duringBackup).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(backup, 'jixiao-backup.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string; kind: string }) => [f.path, f.kind])).toEqual([
      ['signing.key', 'file'],
      ['read-models.sqlite', 'sqlite'],
      ['events.sqlite', 'sqlite'],
    ]);
    const sourceTables = tableNames(join(source, 'read-models.sqlite'));
    await api.close();
    api = undefined;

    const restoring = await cli(restored, 'restore-backup', backup);
    expect(restoring.stdout).toMatch(/events verified: .* 1 anchor\(s\)/);
    expect(readFileSync(join(restored, 'signing.key')).equals(key)).toBe(true);
    expect(tableNames(join(restored, 'read-models.sqlite'))).toEqual(sourceTables);
    expect(sourceTables).toEqual(expect.arrayContaining(['workflow_timers', 'workflow_leases', 'workflow_checkpoints', 'projection_checkpoints']));

    api = await startApi({ clock: midYear, workflow: true, dataDir: restored });
    const report = await verifyChains(api.store);
    expect(report).toMatchObject({ ok: true, anchorsChecked: 1, headPosition: manifest.eventsHeadPosition });
    await api.settled();
    const rebuilt = new SqliteReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(api.store, rebuilt, readModelProjections);
    await runner.prepare();
    await runner.catchUp();
    expect(await snapshot(api.readModels.db)).toEqual(await snapshot(rebuilt));
    await rebuilt.close();
    const engine = api.app.get(WorkflowHost).engine!;
    await engine.whenIdle();
    const head = await api.store.headPosition();
    for (const status of await engine.status()) expect(status).toMatchObject({ position: head, lag: 0, held: true });
  }, 120_000);

  it('refuses a backup into a folder that is not empty, and a restore into one', async () => {
    await expect(cli(restored, 'backup', backup)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/not empty/) });
    await expect(cli(restored, 'restore-backup', backup)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/not empty/) });
  });

  it('refuses a backup whose files changed, and writes nothing', async () => {
    const edited = join(root, 'edited');
    // A copy of the good backup with one byte of the key file changed.
    await run('cp', ['-r', backup, edited]);
    const bytes = readFileSync(join(edited, 'signing.key'));
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(join(edited, 'signing.key'), bytes);
    const target = join(root, 'never');
    await expect(cli(target, 'restore-backup', edited)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/signing\.key differs/) });
    expect(existsSync(target)).toBe(false);
  });
});
