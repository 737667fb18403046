import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore, makeCheckpoint, merkleLogOf, recordCheckpoint } from '@jixiao/event-store';
import { cosignCheckpoint, generateSigningKey, publicKeyRef, type Checkpoint } from '@jixiao/transparency';
import { auditCheck, type AuditCheckOptions } from '../../apps/cli/src/commands/audit-check.js';
import { exportEvents } from '../../apps/cli/src/commands/export.js';

/*
 * tools/audit-check.mjs, the audit office's verifier with Node alone, against the CLI's
 * `audit check` on the same files: both must pass what is honest and fail what is not,
 * naming the same places.
 */

const folder = mkdtempSync(join(tmpdir(), 'jixiao-standalone-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = (name: string) => join(folder, name);
const save = (name: string, value: unknown) => (writeFileSync(file(name), typeof value === 'string' ? value : JSON.stringify(value)), file(name));
const at = '2026-11-29T10:00:00.000Z';

async function script(options: AuditCheckOptions): Promise<{ code: number; stdout: string }> {
  const args = [
    ...options.checkpoint.flatMap((c) => ['--checkpoint', c]),
    ...(options.consistency ?? []).flatMap((c) => ['--consistency', c]),
    ...(options.export ? ['--export', options.export] : []),
    ...(options.against ? ['--against', options.against] : []),
  ];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['tools/audit-check.mjs', ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

async function both(options: AuditCheckOptions) {
  const lines: string[] = [];
  const library = await auditCheck(options, { line: (t) => lines.push(t), error: () => undefined });
  return { library, libraryText: lines.join('\n'), script: await script(options) };
}

describe('tools/audit-check.mjs (Node alone) agrees with audit check', () => {
  const key = generateSigningKey();
  const next = generateSigningKey();
  let saved: Checkpoint;
  let later: Checkpoint;
  let announced: Checkpoint;
  let rotated: Checkpoint;
  let savedExport: string;
  let todayExport: string;
  let proof: string;
  let store: SqliteEventStore;

  async function exported(name: string): Promise<string> {
    const out = createWriteStream(file(name));
    await exportEvents(store, out);
    out.end();
    await once(out, 'finish');
    return file(name);
  }
  const append = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await store.append(`project-s${i % 3}`, [{ id: randomUUID(), type: 'ReadingRecorded', schemaVersion: 1, data: { value: i, unit: '公里', note: 'é\u2028"' }, metadata: { actor: { id: 'x' } } }], 'any');
    }
  };

  beforeAll(async () => {
    store = new SqliteEventStore({ file: file('store.sqlite') });
    const log = merkleLogOf(store)!;
    await append(13);
    saved = await makeCheckpoint(log, key, 'jixiao-test', at);
    savedExport = await exported('saved.ndjson');
    await append(9);
    later = await makeCheckpoint(log, key, 'jixiao-test', at);
    const p = await log.consistencyProof(saved.treeSize, later.treeSize);
    proof = save('proof.json', { hashAlgorithm: 'sha256', from: saved.treeSize, to: later.treeSize, path: p.path.map((x) => x.toString('hex')) });
    announced = await makeCheckpoint(log, key, 'jixiao-test', at, publicKeyRef('ed25519', next.publicKey));
    await recordCheckpoint(store, announced, 'test');
    rotated = await makeCheckpoint(log, next, 'jixiao-test', at);
    rotated = { ...rotated, cosignatures: [await cosignCheckpoint(rotated, '审计署 National Audit Office', generateSigningKey(), at)] };
    todayExport = await exported('today.ndjson');
  });
  afterAll(() => store.close());

  it('both pass an honest set: signatures, rotation, co-signature, export inclusion, consistency', async () => {
    const r = await both({
      checkpoint: [save('saved.json', saved), save('later.json', later), save('announced.json', announced), save('rotated.json', rotated)],
      export: todayExport,
      consistency: [proof],
    });
    expect(r.library.ok).toBe(true);
    expect(r.script.code).toBe(0);
    for (const text of [r.libraryText, r.script.stdout]) {
      expect(text).toContain(`ok   checkpoint ${later.treeSize} extends checkpoint ${saved.treeSize} (consistency proof)`);
      expect(text).toContain(`ok   every exported event up to ${saved.treeSize} is in checkpoint ${saved.treeSize} (root recomputed)`);
      expect(text).toContain('co-signed by 审计署 National Audit Office');
      expect(text).toContain('audit check passed');
    }
  });

  it('both fail an export with one edited event and name its position', async () => {
    const lines = readFileSync(savedExport, 'utf8').split('\n');
    lines[3] = lines[3]!.replace('"value":3', '"value":4');
    const r = await both({ checkpoint: [save('saved2.json', saved)], export: save('edited.ndjson', lines.join('\n')) });
    expect(r.library.ok).toBe(false);
    expect(r.script.code).toBe(1);
    for (const text of [r.libraryText, r.script.stdout]) expect(text).toMatch(/FAIL export at leaf 3 \(position 4\).*hash does not match/);
  });

  it('both name the first differing position between the saved export and today\'s', async () => {
    const lines = readFileSync(todayExport, 'utf8').split('\n');
    lines.splice(5, 1); // event at position 6 gone
    const r = await both({ checkpoint: [save('saved3.json', saved)], export: savedExport, against: save('cut.ndjson', lines.join('\n')) });
    expect(r.library).toMatchObject({ ok: false, firstDifferingPosition: 6 });
    expect(r.script.code).toBe(1);
    expect(r.script.stdout).toContain('FAIL first differing position 6 (leaf 5)');
  });

  it('both fail a consistency proof with one byte changed, and a checkpoint with a changed root', async () => {
    const bent = JSON.parse(readFileSync(proof, 'utf8'));
    bent.path[0] = (bent.path[0][0] === '0' ? '1' : '0') + bent.path[0].slice(1);
    const r = await both({ checkpoint: [save('saved4.json', saved), save('later4.json', later)], consistency: [save('bent.json', bent)] });
    expect(r.library.ok).toBe(false);
    expect(r.script.code).toBe(1);
    for (const text of [r.libraryText, r.script.stdout]) expect(text).toContain(`checkpoint ${later.treeSize} does NOT extend checkpoint ${saved.treeSize}`);
    const forged = { ...saved, rootHash: later.rootHash };
    const s = await both({ checkpoint: [save('forged.json', forged)] });
    expect([s.library.ok, s.script.code]).toEqual([false, 1]);
    for (const text of [s.libraryText, s.script.stdout]) expect(text).toContain('signature does not verify');
  });

  it('the script answers 2 with the usage to a missing checkpoint', async () => {
    const r = await script({ checkpoint: [] });
    expect(r.code).toBe(2);
  });
});
