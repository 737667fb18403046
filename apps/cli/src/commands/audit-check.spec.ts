import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteEventStore,
  anchorOf,
  eventHash,
  genesisHash,
  makeCheckpoint,
  merkleLogOf,
  recordAnchor,
  recordCheckpoint,
  recordCosignature,
  recordedCheckpoints,
  rotateSigningKey,
  verifyChains,
  verifyLog,
  type StoredEvent,
} from '@jixiao/event-store';
import { cosignCheckpoint, generateSigningKey, readKeyFile, writeKeyFile, type Checkpoint, type SigningKey } from '@jixiao/transparency';
import { auditCheck } from './audit-check.js';
import { auditWitnesses } from './audit-keys.js';
import { exportEvents } from './export.js';
import type { Output } from './output.js';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-audit-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = (name: string) => join(folder, name);
const quiet = (): Output & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, line: (t) => lines.push(t), error: (t) => lines.push(t) };
};
const at = '2026-11-29T10:00:00.000Z';
const origin = 'jixiao-test';

async function seed(store: SqliteEventStore, streams: number, perStream: number, from = 0): Promise<void> {
  for (let i = from; i < from + perStream; i++) {
    for (let s = 0; s < streams; s++) {
      await store.append(`project-p${s}`, [{ id: randomUUID(), type: 'FundsSpent', schemaVersion: 1, data: { amountFen: 1000 + i, s }, metadata: { actor: 'seed' } }], 'any');
    }
  }
}

async function saveExport(store: SqliteEventStore, name: string): Promise<string> {
  const path = file(name);
  const out = createWriteStream(path);
  await exportEvents(store, out);
  out.end();
  await once(out, 'finish');
  return path;
}

function save(name: string, value: unknown): string {
  writeFileSync(file(name), JSON.stringify(value));
  return file(name);
}

async function checkpointOf(store: SqliteEventStore, key: SigningKey): Promise<Checkpoint> {
  const checkpoint = await makeCheckpoint(merkleLogOf(store)!, key, origin, at);
  await recordCheckpoint(store, checkpoint, 'test');
  return checkpoint;
}

/** A consistency proof exactly as GET /audit/proofs/consistency serves it. */
async function consistencyProof(store: SqliteEventStore, from: number, to: number) {
  const proof = await merkleLogOf(store)!.consistencyProof(from, to);
  return { hashAlgorithm: 'sha256', from, to, path: proof.path.map((p) => p.toString('hex')) };
}

async function readAll(store: SqliteEventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

/**
 * The insider: full access to the database file and the installation's own key. They
 * rewrite the history as `mutate` says, then recompute everything the system checks
 * itself: every stream's hash chain (revisions and hashes), the positions, the Merkle
 * tree (rebuilt from the rewritten events), the anchors and the checkpoints (re-signed
 * with the real key). The installation's own verify then finds nothing.
 */
async function insiderRewrite(name: string, original: SqliteEventStore, key: SigningKey, mutate: (events: StoredEvent[]) => StoredEvent[]): Promise<SqliteEventStore> {
  // Checkpoints and co-signatures all sit above the saved checkpoint; the insider re-signs afresh at the end.
  const history = (await readAll(original)).filter((e) => !e.stream.startsWith('transparency-'));
  const rewritten = mutate(history);
  const path = file(`${name}.sqlite`);
  new Database(path).close();
  const fresh = new SqliteEventStore({ file: path });
  await fresh.close();
  const db = new Database(path);
  const heads = new Map<string, { revision: number; hash: string }>();
  const insert = db.prepare(
    'INSERT INTO events (position, stream, revision, id, type, schema_version, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    rewritten.forEach((original, i) => {
      // Each anchor is recomputed over the rewritten stream heads at its new position.
      const e = original.stream === 'anchors'
        ? { ...original, data: { ...original.data, position: i, streams: heads.size, digest: anchorOf(heads, i).digest } }
        : original;
      const head = heads.get(e.stream);
      const revision = head ? head.revision + 1 : 0;
      const hash = eventHash(head?.hash ?? genesisHash, { ...e, revision });
      insert.run(i + 1, e.stream, revision, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt, hash);
      heads.set(e.stream, { revision, hash });
    });
  })();
  db.close();
  // Opening the store builds the Merkle tree over the rewritten events; then fresh anchor and checkpoint.
  const store = new SqliteEventStore({ file: path });
  await recordAnchor(store, (await verifyChains(store)).anchor!, 'insider', at);
  await checkpointOf(store, key);
  return store;
}

describe('audit check, the offline verifier', () => {
  let store: SqliteEventStore;
  let key: SigningKey;
  let saved: { checkpoint: string; export: string; size: number };

  beforeAll(async () => {
    store = new SqliteEventStore({ file: file('honest.sqlite') });
    key = generateSigningKey();
    await seed(store, 3, 6);
    await recordAnchor(store, (await verifyChains(store)).anchor!, 'cli:verify', at);
    // The auditor's visit: a checkpoint and the export, both kept in the working papers.
    const checkpoint = await checkpointOf(store, key);
    saved = { checkpoint: save('saved.json', checkpoint), export: await saveExport(store, 'saved.ndjson'), size: checkpoint.treeSize };
    await seed(store, 3, 4, 6);
  });
  afterAll(() => store.close());

  it('passes an honest log: signatures, every exported event, and a later checkpoint consistent with the saved one', async () => {
    const later = await checkpointOf(store, key);
    const out = quiet();
    const report = await auditCheck(
      {
        checkpoint: [saved.checkpoint, save('later.json', later)],
        export: await saveExport(store, 'today.ndjson'),
        consistency: [save('proof.json', await consistencyProof(store, saved.size, later.treeSize))],
      },
      out,
    );
    expect(report).toEqual({ ok: true, problems: [] });
    expect(out.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^ok   checkpoint ${later.treeSize} extends checkpoint ${saved.size}`)),
      expect.stringMatching(new RegExp(`^ok   every exported event up to ${saved.size} is in checkpoint ${saved.size}`)),
      expect.stringMatching(new RegExp(`^ok   every exported event up to ${later.treeSize} is in checkpoint ${later.treeSize}`)),
    ]));
    const alone = await auditCheck({ checkpoint: [saved.checkpoint], export: saved.export, against: await saveExport(store, 'today2.ndjson') }, quiet());
    expect(alone).toEqual({ ok: true, problems: [] });
  });

  it('refuses a checkpoint whose signature was altered, and one signed by an unannounced key', async () => {
    const checkpoint = JSON.parse(readFileSync(saved.checkpoint, 'utf8'));
    const forged = { ...checkpoint, treeSize: checkpoint.treeSize - 1 };
    expect((await auditCheck({ checkpoint: [save('forged.json', forged)] }, quiet())).problems).toEqual([expect.stringMatching(/signature does not verify/)]);
    const stranger = await makeCheckpoint(merkleLogOf(store)!, generateSigningKey(), origin, at);
    const report = await auditCheck({ checkpoint: [saved.checkpoint, save('stranger.json', stranger)] }, quiet());
    expect(report.problems).toEqual([expect.stringMatching(/signed by a key no trusted checkpoint announced/)]);
  });

  it('follows a key rotation announced under the trusted key, and shows who co-signed what', async () => {
    const keyFile = file('signing-key.json');
    writeKeyFile(keyFile, key, at);
    const { announcement } = await rotateSigningKey(store, merkleLogOf(store)!, keyFile, origin, () => new Date(at));
    const next = readKeyFile(keyFile).key;
    expect(next.keyId).toBe(announcement.nextKey!.keyId);
    const after = await checkpointOf(store, next);
    const files = [saved.checkpoint, save('announce.json', announcement), save('after.json', after)];
    expect(await auditCheck({ checkpoint: files }, quiet())).toEqual({ ok: true, problems: [] });
    expect((await auditCheck({ checkpoint: [saved.checkpoint, files[2]!] }, quiet())).ok).toBe(false);

    const office = generateSigningKey();
    const cosignature = await cosignCheckpoint(after, '重庆市审计局', office, at);
    await recordCosignature(store, after.treeSize, after.rootHash, cosignature, 'auditor:test');
    await expect(recordCosignature(store, after.treeSize, after.rootHash, { ...cosignature, signedAt: '2026-11-30T00:00:00.000Z' }, 'x')).rejects.toThrow(/does not verify/);
    const cosigned = (await recordedCheckpoints(store)).find((r) => r.checkpoint.treeSize === after.treeSize && r.checkpoint.cosignatures)!;
    const witnessed = await auditCheck({ checkpoint: [saved.checkpoint, files[1]!, save('cosigned.json', cosigned.checkpoint)] }, quiet());
    expect(witnessed.ok).toBe(true);
    const out = quiet();
    expect([...(await auditWitnesses(store, out))]).toEqual([['重庆市审计局', { keyId: office.keyId, treeSizes: [after.treeSize] }]]);
  });

  it('a control: the same rewrite machinery with no change leaves the auditor nothing to object to', async () => {
    const copy = await insiderRewrite('control', store, key, (events) => events);
    const resigned = (await recordedCheckpoints(copy)).at(-1)!.checkpoint;
    const report = await auditCheck(
      {
        checkpoint: [saved.checkpoint, save('control-resigned.json', resigned)],
        consistency: [save('control-proof.json', await consistencyProof(copy, saved.size, resigned.treeSize))],
      },
      quiet(),
    );
    expect(report).toEqual({ ok: true, problems: [] });
    const compared = await auditCheck({ checkpoint: [saved.checkpoint], export: saved.export, against: await saveExport(copy, 'control-today.ndjson') }, quiet());
    expect(compared).toEqual({ ok: true, problems: [] });
    await copy.close();
  });

  describe.each([
    ['an edited event', 'edit', (events: StoredEvent[]) => events.map((e) => (e.position === 5 ? { ...e, data: { ...e.data, amountFen: 9_999_999 } } : e)), 5],
    ['a deleted tail, then new appends', 'tail', (events: StoredEvent[]) => [
      ...events.filter((e) => e.position <= 15),
      ...events.filter((e) => e.position > 18),
    ], 16],
    ['a reordered pair', 'swap', (events: StoredEvent[]) => {
      const copy = [...events];
      [copy[7], copy[8]] = [copy[8]!, copy[7]!];
      return copy;
    }, 8],
  ] as const)('an insider rewrite below the saved checkpoint: %s', (_label, name, mutate, firstPosition) => {
    let rewritten: SqliteEventStore;
    beforeAll(async () => {
      rewritten = await insiderRewrite(name, store, key, mutate);
    });
    afterAll(() => rewritten.close());

    it('leaves nothing for the installation\'s own verify to find', async () => {
      // The recomputed anchor and a fresh one, both matching.
      expect(await verifyLog(rewritten)).toMatchObject({ ok: true, anchorsChecked: 2, tree: { ok: true } });
    });

    it('fails the consistency proof against the auditor\'s saved checkpoint', async () => {
      const resigned = (await recordedCheckpoints(rewritten)).at(-1)!.checkpoint;
      expect(resigned.key.keyId).toBe(key.keyId); // signed with the installation's real key
      const out = quiet();
      const report = await auditCheck(
        {
          checkpoint: [saved.checkpoint, save(`${name}-resigned.json`, resigned)],
          consistency: [save(`${name}-proof.json`, await consistencyProof(rewritten, saved.size, resigned.treeSize))],
        },
        out,
      );
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([expect.stringMatching(new RegExp(`checkpoint ${resigned.treeSize} does NOT extend checkpoint ${saved.size}`))]);
    });

    it('names the first differing position from the export saved with the checkpoint', async () => {
      const today = await saveExport(rewritten, `${name}-today.ndjson`);
      const report = await auditCheck({ checkpoint: [saved.checkpoint], export: saved.export, against: today }, quiet());
      expect(report.ok).toBe(false);
      expect(report.firstDifferingPosition).toBe(firstPosition);
      // Today's export no longer has the saved checkpoint's root.
      const againstCheckpoint = await auditCheck({ checkpoint: [saved.checkpoint], export: today }, quiet());
      expect(againstCheckpoint.problems).toEqual([expect.stringMatching(new RegExp(`checkpoint ${saved.size}: the export's root`))]);
    });
  });
});
