import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@jixiao/event-store';
import { requestHash } from '../idempotency.js';
import { IdempotencyKeyReused } from '../refusals.js';
import { AccessTokens, accessTokenStream } from './access-tokens.js';

describe('access tokens', () => {
  let folder: string;
  let store: SqliteEventStore;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-tokens-'));
    store = new SqliteEventStore({ file: join(folder, 'events.sqlite'), durability: 'normal' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('issues a token that authenticates, keeping only its hash', async () => {
    const tokens = new AccessTokens(store);
    const issued = await tokens.issue({ role: 'finance', subject: 'fin-1', issuedTo: '财政局 钱七' }, 'admin');
    expect(issued.token).toMatch(/^jx_/);
    expect(await new AccessTokens(store).authenticate(issued.token)).toEqual({ id: 'fin-1', role: 'finance', label: 'finance', issuedTo: '财政局 钱七', tokenId: issued.tokenId });
    for await (const event of store.readStream(accessTokenStream)) expect(JSON.stringify(event)).not.toContain(issued.token);
  });

  it('answers a keyed retry with the first id and principal, without the secret, writing nothing', async () => {
    const tokens = new AccessTokens(store);
    const request = { role: 'department' as const, department: 'water-bureau', subject: 'clerk-9', issuedTo: '水利局 孙八' };
    const keyed = { seed: { principalId: 'admin', key: 'token-1' }, requestHash: requestHash('POST', '/api/v1/admin/tokens', request) };
    const first = await tokens.issue(request, 'admin', keyed);
    const head = await store.headPosition();
    const retry = await new AccessTokens(store).issue(request, 'admin', keyed);
    expect(retry).toEqual({ tokenId: first.tokenId, expiresAt: first.expiresAt, principal: first.principal, replayed: true });
    expect(retry.token).toBeUndefined();
    expect(await store.headPosition()).toBe(head);
    expect(await tokens.authenticate(first.token!)).toEqual(first.principal);
    const other = { ...keyed, requestHash: requestHash('POST', '/api/v1/admin/tokens', { ...request, subject: 'clerk-10' }) };
    await expect(tokens.issue({ ...request, subject: 'clerk-10' }, 'admin', other)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.headPosition()).toBe(head);
  });
});
