import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectStream } from '@jixiao/domain';
import { recordAnchor, SqliteEventStore, verifyChains, type StoredEvent } from '@jixiao/event-store';
import { projectAsOf } from '@jixiao/application';
import { exportEvents } from '../../apps/cli/src/commands/export.js';
import type { Output } from '../../apps/cli/src/commands/output.js';
import { restoreExport } from '../../apps/cli/src/commands/restore.js';
import { seed } from '../../apps/cli/src/commands/seed.js';
import { verifyExport } from '../../apps/cli/src/commands/verify-export.js';

const root = mkdtempSync(join(tmpdir(), 'jixiao-restore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const run = promisify(execFile);
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env: { ...process.env, JIXIAO_DATA_DIR: dataDir, STORE: 'sqlite' } });

const quiet = (): Output & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, line: (t) => lines.push(t), error: (t) => lines.push(t) };
};
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
async function exportTo(store: SqliteEventStore, file: string): Promise<void> {
  const sink = createWriteStream(file);
  await exportEvents(store, sink);
  sink.end();
  await once(sink, 'finish');
}
let stores = 0;
const freshStore = () => new SqliteEventStore({ file: join(root, `target-${++stores}`, 'events.sqlite') });

/** Writes a variant of the export: the lines changed by `edit`. */
function variant(name: string, edit: (lines: string[]) => string[]): string {
  const file = join(root, `${name}.ndjson`);
  writeFileSync(file, edit(readFileSync(sourceFile, 'utf8').trimEnd().split('\n')).join('\n') + '\n');
  return file;
}
const sourceFile = join(root, 'source.ndjson');

/**
 * Issue 13, part 1: an export is an audit copy only if restoring it keeps, and checks,
 * the proof. Source: a seeded store with an anchor in the middle of its history.
 */
describe('restore of an audit copy, and verify --export', () => {
  let source: SqliteEventStore;
  let events: StoredEvent[];
  let anchorPosition: number;
  beforeAll(async () => {
    source = new SqliteEventStore({ file: join(root, 'source', 'events.sqlite') });
    await seed(source, { projects: 3, fiscalYear: 2026, seed: 11 }, quiet());
    const { anchor } = await verifyChains(source);
    anchorPosition = anchor!.position;
    await recordAnchor(source, anchor!, 'auditor', new Date().toISOString());
    await seed(source, { projects: 2, fiscalYear: 2026, seed: 12 }, quiet());
    events = await all(source.readAll());
    await exportTo(source, sourceFile);
  }, 60_000);
  afterAll(() => source.close());
  const lineOf = (e: StoredEvent) => events.indexOf(e) + 1;

  it('restores an honest copy verbatim: it verifies clean, anchor included, and answers every as-of query as the source does', async () => {
    expect((await verifyExport(sourceFile, quiet())).ok).toBe(true);
    const copy = freshStore();
    try {
      expect(await restoreExport(copy, sourceFile, quiet())).toEqual({ ok: true, restored: events.length });
      expect(await all(copy.readAll())).toEqual(events);
      const [a, b] = [await verifyChains(source), await verifyChains(copy)];
      expect(b).toMatchObject({ ok: true, anchorsChecked: 1 });
      expect(b.anchor).toEqual(a.anchor);
      const projects = [...new Set(events.filter((e) => e.type === 'ProjectProposed').map((e) => e.data['projectId'] as string))];
      for (const id of projects) {
        for (const event of events.filter((e) => e.stream === projectStream(id))) {
          for (const asOf of [new Date(Date.parse(event.recordedAt) - 1).toISOString(), event.recordedAt]) {
            expect(await projectAsOf(copy, id, { asOf })).toEqual(await projectAsOf(source, id, { asOf }));
          }
        }
      }
    } finally {
      await copy.close();
    }
  });

  it('refuses an export with one amountFen edited, naming line, stream and revision, and writes nothing', async () => {
    const target = events.find((e) => typeof e.data['amountFen'] === 'number')!;
    const file = variant('edited', (lines) =>
      lines.map((l, i) => (i === lineOf(target) - 1 ? l.replace(`"amountFen":${target.data['amountFen']}`, `"amountFen":${Number(target.data['amountFen']) + 100}`) : l)),
    );
    const report = await verifyExport(file, quiet());
    expect(report.problem).toMatchObject({ line: lineOf(target), stream: target.stream, revision: target.revision, reason: expect.stringMatching(/hash does not match/) });
    const copy = freshStore();
    try {
      const out = quiet();
      expect(await restoreExport(copy, file, out)).toEqual({ ok: false, restored: 0 });
      expect(out.lines.join('\n')).toMatch(new RegExp(`line ${lineOf(target)}: stream ${target.stream}, revision ${target.revision}`));
      expect(await copy.headPosition()).toBe(0);
    } finally {
      await copy.close();
    }
  });

  it('refuses an export with the last event of a stream dropped, when an anchor covers it', async () => {
    const streams = new Map<string, StoredEvent>();
    for (const e of events) streams.set(e.stream, e);
    const dropped = [...streams.values()].find((e) => e.position < anchorPosition && e.stream.startsWith('project-'))!;
    const file = variant('cut', (lines) => lines.filter((_, i) => i !== lineOf(dropped) - 1));
    const report = await verifyExport(file, quiet());
    expect(report.ok).toBe(false);
    expect(report.problem!.reason).toMatch(new RegExp(`anchor recorded at position ${anchorPosition}`));
    const copy = freshStore();
    try {
      expect((await restoreExport(copy, file, quiet())).ok).toBe(false);
      expect(await copy.headPosition()).toBe(0);
    } finally {
      await copy.close();
    }
  });

  it('finds a cut after the last anchor only against the digest kept outside (--digest)', async () => {
    const last = events.at(-1)!;
    const file = variant('cut-end', (lines) => lines.slice(0, -1));
    const { anchor } = await verifyChains(source);
    expect((await verifyExport(file, quiet())).ok).toBe(true);
    const out = quiet();
    expect((await verifyExport(file, out, { digest: anchor!.digest })).ok).toBe(false);
    expect(out.lines.join('\n')).toMatch(/digest MISMATCH/);
    expect((await verifyExport(sourceFile, quiet(), { digest: anchor!.digest })).ok).toBe(true);
    expect(last.position).toBe(anchor!.position);
  });

  it.each([
    ['a repeated line', (lines: string[]) => [...lines.slice(0, 5), lines[4]!, ...lines.slice(5)], /position \d+ does not follow/],
    ['two lines swapped', (lines: string[]) => [lines[1]!, lines[0]!, ...lines.slice(2)], /does not follow|starts at revision/],
    ['a missing revision in the middle', (lines: string[]) => lines.filter((l) => !(JSON.parse(l).revision === 1 && JSON.parse(l).stream === events[0]!.stream)), /follows revision 0/],
    ['a line that is not an event', (lines: string[]) => [lines[0]!, '{"id":"x"}', ...lines.slice(1)], /line 2: .*id is not a UUID/],
  ])('refuses %s', async (name, edit, reason) => {
    const file = variant(name.replace(/ /g, '-'), edit);
    const report = await verifyExport(file, quiet());
    expect(report.ok).toBe(false);
    const described = `line ${report.problem!.line}: ${report.problem!.reason}`;
    expect(described).toMatch(reason);
  });

  it('refuses an event whose schema version is newer than the code', async () => {
    const store = freshStore();
    const file = join(root, 'newer.ndjson');
    try {
      await store.append('project-from-the-future', [{ id: randomUUID(), type: 'ProjectProposed', schemaVersion: 7, data: {}, metadata: {} }], 'no_stream');
      await exportTo(store, file);
    } finally {
      await store.close();
    }
    const report = await verifyExport(file, quiet());
    expect(report.problem).toMatchObject({ line: 1, stream: 'project-from-the-future', revision: 0, reason: expect.stringMatching(/schema version 7; this code reads up to 1/) });
    const copy = freshStore();
    try {
      expect((await restoreExport(copy, file, quiet())).ok).toBe(false);
      expect(await copy.headPosition()).toBe(0);
    } finally {
      await copy.close();
    }
  });

  it('refuses to restore into a store that holds events, and leaves it as it was', async () => {
    const store = freshStore();
    try {
      await store.append('existing', [{ id: randomUUID(), type: 'Something', schemaVersion: 1, data: {}, metadata: {} }], 'no_stream');
      await expect(restoreExport(store, sourceFile, quiet())).rejects.toThrow(/empty store.*use merge/);
      expect(await store.headPosition()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('works from the command line: verify --export exits 1 on an edited file; restore and verify exit 0 on an honest one', async () => {
    const edited = join(root, 'edited.ndjson');
    await expect(cli(join(root, 'unused'), 'verify', '--export', edited)).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/export REFUSED/) });
    const dataDir = join(root, 'cli-copy');
    const restored = await cli(dataDir, 'restore', sourceFile);
    expect(restored.stdout).toMatch(new RegExp(`restored ${events.length} event\\(s\\)`));
    const verified = await cli(dataDir, 'verify');
    expect(verified.stdout).toMatch(/all hash chains intact/);
    expect(verified.stdout).toMatch(/anchors: +1 checked/);
  });
});
