import { existsSync, statSync } from 'node:fs';
import { eventLeafData, cosignCheckpoint, generateSigningKey, parseCheckpoint, treeHasher, verifyCheckpointSignature, verifyConsistency, verifyInclusion } from '@jixiao/transparency';
import { Transparency } from '../../apps/api/src/transparency/transparency.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/* The Merkle log's routes over real HTTP on a real SQLite file: what an audit office fetches and checks. */

const hasher = treeHasher('sha256');
const bytes = (hex: string) => Buffer.from(hex, 'hex');

describe('audit: checkpoints and proofs', () => {
  let api: RunningApi;
  let auditor: string;
  beforeAll(async () => {
    api = await startApi();
    auditor = await api.token({ role: 'auditor' });
    for (let i = 0; i < 5; i++) await api.token({ role: 'oversight', label: `o-${i}` });
  });
  afterAll(() => api.close());

  const post = (path: string, body?: unknown) => api.call('POST', `/api/v1/audit/${path}`, { token: auditor, ...(body !== undefined ? { body } : {}) });
  const get = (path: string) => api.call('GET', `/api/v1/audit/${path}`, { token: auditor });

  it('signs checkpoints with the key file outside the store, serves its public key, and proves consistency and inclusion', async () => {
    const first = await post('checkpoints');
    expect(first.status).toBe(201);
    const c1 = parseCheckpoint(first.body);
    expect(await verifyCheckpointSignature(c1)).toBe(true);
    expect(c1.treeSize).toBe(first.body.recordedAtPosition - 1);

    const key = (await get('public-key')).body;
    expect(key).toEqual(c1.key);
    const keyFile = api.app.get(Transparency).config.signingKeyFile;
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(keyFile.endsWith('events.sqlite')).toBe(false);

    for (let i = 0; i < 4; i++) await api.token({ role: 'oversight', label: `later-${i}` });
    const c2 = parseCheckpoint((await post('checkpoints')).body);
    expect(c2.key.keyId).toBe(c1.key.keyId);

    const consistency = await get(`proofs/consistency?from=${c1.treeSize}&to=${c2.treeSize}`);
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({ hashAlgorithm: 'sha256', from: c1.treeSize, to: c2.treeSize, fromRoot: c1.rootHash, toRoot: c2.rootHash });
    expect(verifyConsistency(hasher, c1.treeSize, c2.treeSize, consistency.body.path.map(bytes), bytes(c1.rootHash), bytes(c2.rootHash))).toBe(true);

    const events = [];
    for await (const e of api.store.readAll()) events.push(e);
    for (const leafIndex of [0, 3, c2.treeSize - 1]) {
      const inclusion = await get(`proofs/inclusion?leafIndex=${leafIndex}&treeSize=${c2.treeSize}`);
      expect(inclusion.status).toBe(200);
      const leafHash = hasher.leaf(eventLeafData(events[leafIndex]!));
      expect(inclusion.body).toMatchObject({ leafIndex, treeSize: c2.treeSize, position: events[leafIndex]!.position, leafHash: leafHash.toString('hex') });
      expect(verifyInclusion(hasher, leafIndex, c2.treeSize, leafHash, inclusion.body.path.map(bytes), bytes(c2.rootHash))).toBe(true);
    }

    const listed = await get('checkpoints');
    expect(listed.body.checkpoints.map((c: { treeSize: number }) => c.treeSize)).toEqual([c1.treeSize, c2.treeSize]);
    expect(listed.body.publicKey).toEqual(key);

    const verification = await get('verification');
    expect(verification.body).toMatchObject({ ok: true, tree: { ok: true, treeSize: await api.store.headPosition() } });
  });

  it('answers bad proof requests with 400 problem+json naming the field, and writes nothing', async () => {
    const size = await api.store.headPosition();
    const cases: Array<[string, string]> = [
      [`proofs/inclusion?leafIndex=3&treeSize=3`, 'leafIndex'],
      [`proofs/inclusion?leafIndex=0&treeSize=${size + 1}`, 'treeSize'],
      [`proofs/inclusion?leafIndex=x&treeSize=2`, 'leafIndex'],
      [`proofs/inclusion?treeSize=2`, 'leafIndex'],
      [`proofs/consistency?from=5&to=4`, 'from'],
      [`proofs/consistency?from=1&to=${size + 5}`, 'to'],
      [`proofs/consistency?from=-1&to=2`, 'from'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await api.store.headPosition()).toBe(size);
  });

  it('stores a co-signature that verifies, refuses one that does not (422) or names no checkpoint (404), writing nothing then', async () => {
    const checkpoint = parseCheckpoint((await post('checkpoints')).body);
    const office = generateSigningKey();
    const cosignature = await cosignCheckpoint(checkpoint, '重庆市审计局', office, '2026-11-29T12:00:00.000Z');

    const before = await api.store.headPosition();
    const forged = await post('cosignatures', { checkpoint, cosignature: { ...cosignature, witness: '另一个审计局' } });
    expect([forged.status, forged.headers.get('content-type')]).toEqual([422, expect.stringMatching(/^application\/problem\+json/)]);
    const unknown = await post('cosignatures', { checkpoint: { ...checkpoint, treeSize: checkpoint.treeSize + 1000 }, cosignature });
    expect(unknown.status).toBe(404);
    const malformed = await post('cosignatures', { checkpoint, cosignature: { ...cosignature, witness: 'line\nbreak' } });
    expect(malformed.status).toBe(400);
    expect(await api.store.headPosition()).toBe(before);

    const stored = await post('cosignatures', { checkpoint, cosignature });
    expect(stored.status).toBe(201);
    const listed = (await get('checkpoints')).body.checkpoints.find((c: { treeSize: number }) => c.treeSize === checkpoint.treeSize);
    expect(listed.cosignatures).toEqual([cosignature]);
  });
});
