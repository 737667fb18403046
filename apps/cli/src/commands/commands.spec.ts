import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@jixiao/event-store';
import { AccessTokens } from '@jixiao/application';
import { UsageError, type Output } from './output.js';
import { tokenCreate, tokenList, tokenRevoke } from './tokens.js';
import { verify } from './verify.js';

const collect = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { line: (t) => lines.push(t), error: (t) => errors.push(t) };
  return { out, lines, errors };
};

describe('cli commands on a real SQLite store', () => {
  let folder: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    file = join(folder, 'events.sqlite');
    store = new SqliteEventStore({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('token create', () => {
    it('prints a token once that the api then accepts', async () => {
      const { out, lines } = collect();
      const token = await tokenCreate(store, { role: 'department', to: '李四', department: 'water-bureau', label: 'clerk' }, out);
      expect(lines).toEqual([token]);
      expect(token).toMatch(/^jx_/);
      // A fresh AccessTokens, as the api would have, finds the principal from the store alone.
      expect(await new AccessTokens(store).authenticate(token)).toMatchObject({ role: 'department', department: 'water-bureau', label: 'clerk', issuedTo: '李四' });
    });

    it('keeps only the hash', async () => {
      const token = await tokenCreate(store, { role: 'finance', to: 'finance clerk', subject: 'fin-1' }, collect().out);
      for await (const event of store.readStream('access-tokens')) {
        expect(JSON.stringify(event.data)).not.toContain(token);
        expect(event.data).toMatchObject({ tokenHash: AccessTokens.hash(token), subject: 'fin-1' });
      }
    });

    it.each([
      [{ role: 'king', to: 'x' }, /Unknown role "king"/],
      [{ role: 'finance' }, /--to <person or system>/],
      [{ role: 'department', to: 'x' }, /needs --department/],
      [{ role: 'finance', to: 'x', department: 'water-bureau' }, /Only department tokens/],
      [{ role: 'admin', to: 'x', days: '8' }, /admin token lives 1 to 7 days/],
      [{ role: 'admin', to: 'x', days: '-1' }, /not a whole number/],
    ])('refuses %j and writes nothing', async (options, message) => {
      await expect(tokenCreate(store, options, collect().out)).rejects.toThrow(UsageError);
      await expect(tokenCreate(store, options, collect().out)).rejects.toThrow(message);
      expect(await store.headPosition()).toBe(0);
    });
  });

  describe('token list and revoke', () => {
    it('lists without the secret, revokes by id, and the revoked token no longer authenticates', async () => {
      const token = await tokenCreate(store, { role: 'auditor', to: '审计局 王五', days: '30' }, collect().out);
      const listed = collect();
      await tokenList(store, listed.out);
      expect(listed.lines).toHaveLength(1);
      expect(listed.lines[0]).toContain('active');
      expect(listed.lines[0]).toContain('to=审计局 王五');
      expect(listed.lines[0]).toContain('last-used=never');
      expect(listed.lines.join('\n')).not.toContain(token);
      const tokenId = listed.lines[0]!.split(/\s+/)[0]!;
      const revoked = collect();
      await tokenRevoke(store, tokenId, revoked.out, 'left the office');
      expect(revoked.errors.join('\n')).toContain(`Token ${tokenId}`);
      expect(await new AccessTokens(store).authenticate(token)).toBeUndefined();
      const after = collect();
      await tokenList(store, after.out);
      expect(after.lines[0]).toContain('revoked');
      const stored = [];
      for await (const event of store.readStream('access-tokens')) stored.push(event);
      const revokedEvent = stored[1];
      expect(revokedEvent).toMatchObject({ type: 'AccessTokenRevoked', data: { tokenId, reason: 'left the office' }, metadata: { actor: 'cli' } });
    });

    it('refuses to revoke an unknown token id and writes nothing', async () => {
      await tokenCreate(store, { role: 'auditor', to: 'a' }, collect().out);
      const head = await store.headPosition();
      await expect(tokenRevoke(store, 'no-such-token', collect().out)).rejects.toThrow(UsageError);
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('verify', () => {
    const seed = async () => {
      for (let s = 0; s < 3; s++) {
        for (let r = 0; r < 4; r++) {
          await store.append(`stream-${s}`, [{ id: crypto.randomUUID(), type: 'Seeded', schemaVersion: 1, data: { s, r }, metadata: {} }], 'any');
        }
      }
    };

    it('reports intact chains', async () => {
      await seed();
      const { out, lines } = collect();
      const report = await verify(store, out);
      expect(report).toMatchObject({ ok: true, eventsChecked: 12, streamsChecked: 3 });
      expect(lines).toContain('events checked: 12');
      expect(lines).toContain('all hash chains intact');
    });

    it('records an anchor on request and checks it on the next run', async () => {
      await seed();
      const first = collect();
      const report = await verify(store, first.out, { recordAnchor: true });
      expect(first.lines).toContain('anchor recorded');
      expect(first.lines).toContain(`anchor digest:  ${report.anchor!.digest} (3 streams at position 12); keep it in your working papers`);
      const second = collect();
      expect(await verify(store, second.out)).toMatchObject({ ok: true, anchorsChecked: 1, eventsChecked: 13 });
      expect(second.lines).toContain('anchors:        1 checked');
    });

    it('finds an event edited in the database, with its position, stream and revision', async () => {
      await seed();
      const target = await (async () => {
        for await (const event of store.readStream('stream-1', { fromRevision: 2 })) return event;
        throw new Error('no event');
      })();
      // As someone with the file would: drop the append-only guard, edit, put the guard back.
      const db = new Database(file);
      db.exec('DROP TRIGGER events_append_only_update');
      expect(db.prepare(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = ?`).run(target.position).changes).toBe(1);
      db.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`);
      db.close();

      const { out, lines } = collect();
      const report = await verify(store, out);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ position: target.position, stream: 'stream-1', revision: 2 });
      expect(lines).toEqual(
        expect.arrayContaining([
          'chain BROKEN at',
          `  position: ${target.position}`,
          '  stream:   stream-1',
          '  revision: 2',
          expect.stringMatching(/reason: +hash does not match/),
        ]),
      );
    });
  });
});
