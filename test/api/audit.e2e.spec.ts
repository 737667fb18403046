import Database from 'better-sqlite3';
import { eventCatalogue, projectStream, replay, upcast, type ProjectEvent } from '@jixiao/domain';
import type { SqliteEventStore, StoredEvent } from '@jixiao/event-store';
import { startApi, type RunningApi } from '../support/api-harness.js';
import { fairScores, goals, proposal } from '../support/lifecycle-fixtures.js';

/*
 * The audit routes over real HTTP. One clock drives both business time and store time,
 * stepped a day per command, so each command's events have a known recorded-at.
 */

const start = Date.parse('2026-03-01T08:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

async function lifecycle(api: RunningApi, advance: () => void): Promise<string> {
  const department = await api.token({ role: 'department', department: 'water-bureau' });
  const finance = await api.token({ role: 'finance', subject: 'finance-bureau' });
  const evaluator = await api.token({ role: 'evaluator', subject: 'acme-evaluators' });
  advance();
  const proposed = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
  expect(proposed.status).toBe(201);
  const p = `/api/v1/projects/${proposed.body.projectId}`;
  const steps: Array<[string, string, unknown]> = [
    [department, '/goals', goals],
    [finance, '/goal-reviews', { grade: 'good' }],
    [finance, '/admission', { decision: 'admit', reviewScore: 88 }],
    [finance, '/allocations', { amountFen: 90_000_000, documentNo: '渝财预〔2026〕12号' }],
    [finance, '/evaluation-assignments', { evaluatorId: 'acme-evaluators', evaluatorKind: 'third-party' }],
    [department, '/expenditures', { amountFen: 30_000_000, spentOn: '2026-03-05' }],
    [department, '/readings', { indicatorId: 'households', period: '2026-03', value: 300, unit: '户' }],
    [finance, '/budget-adjustments', { newBudgetFen: 80_000_000, reason: '中期调减' }],
    [evaluator, '/evaluations', { evaluationId: 'eval-1', kind: 'third-party', method: 'factor-analysis', scores: fairScores, executionRateReason: '项目仍在实施' }],
    [finance, '/budget-cuts', { cutId: 'cut-1', evaluationId: 'eval-1' }],
  ];
  for (const [token, path, body] of steps) {
    advance();
    const response = await api.call('POST', p + path, { token, body });
    if (response.status !== 200) throw new Error(`setup ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return proposed.body.projectId as string;
}

async function streamOf(api: RunningApi, projectId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of api.store.readStream(projectStream(projectId))) events.push(event);
  return events;
}

describe('audit api', () => {
  let api: RunningApi;
  let now = start;
  let auditor: string;
  let projectId: string;
  beforeAll(async () => {
    const clock = () => new Date(now);
    api = await startApi({ clock, storeClock: clock });
    projectId = await lifecycle(api, () => (now += day));
    auditor = await api.token({ role: 'auditor' });
  });
  afterAll(() => api.close());

  describe('GET /audit/projects/:id/history', () => {
    it('pages through every event with its metadata, labels and place in the store', async () => {
      const stored = await streamOf(api, projectId);
      expect(stored.length).toBeGreaterThanOrEqual(11);
      const seen: any[] = [];
      let from: number | null = 0;
      let pages = 0;
      while (from !== null) {
        const page = await api.call('GET', `/api/v1/audit/projects/${projectId}/history?fromRevision=${from}&limit=4`, { token: auditor });
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ projectId, stream: projectStream(projectId), headRevision: stored.length - 1 });
        expect(page.body.events.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.events);
        from = page.body.nextRevision;
        pages++;
      }
      expect(pages).toBe(Math.ceil(stored.length / 4));
      expect(seen.map((e) => e.revision)).toEqual(stored.map((e) => e.revision));
      seen.forEach((record, i) => {
        const event = stored[i]!;
        expect(record).toMatchObject({
          id: event.id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          stream: event.stream,
          position: event.position,
          recordedAt: event.recordedAt,
          hash: event.hash,
          data: event.data,
          metadata: event.metadata,
          label: (eventCatalogue as Record<string, { label: unknown }>)[event.type]!.label,
          correlationId: event.metadata['correlationId'],
          causationId: event.metadata['causationId'],
          commandId: event.metadata['commandId'],
          commandType: event.metadata['commandType'],
          occurredAt: event.metadata['occurredAt'],
        });
        expect(record.actor).toEqual(event.metadata['actor']);
        expect(record.correlationId).toEqual(expect.any(String));
      });
      expect(seen[0]).toMatchObject({ type: 'ProjectProposed', label: { 'zh-CN': '项目已申报', en: 'Project proposed' }, actor: { role: 'department', department: 'water-bureau' } });
      // Rule-decided events say which rulebook decided them.
      const cut = seen.find((e) => e.type === 'BudgetCut');
      expect(cut.rulebook).toEqual({ id: expect.any(String), version: expect.any(Number) });
      expect(cut.actor).toMatchObject({ id: 'finance-bureau', role: 'finance' });
    });

    it('answers 404 problem+json for an unknown project and 400 for a bad page', async () => {
      const missing = await api.call('GET', '/api/v1/audit/projects/no-such-project/history', { token: auditor });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const bad = await api.call('GET', `/api/v1/audit/projects/${projectId}/history?limit=0`, { token: auditor });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    });
  });

  describe('GET /audit/projects/:id/state', () => {
    const state = (query: string) => api.call('GET', `/api/v1/audit/projects/${projectId}/state?${query}`, { token: auditor });

    it('as of a time between two commands equals a replay of the events recorded by then', async () => {
      const stored = await streamOf(api, projectId);
      const times = [...new Set(stored.map((e) => e.recordedAt))];
      expect(times.length).toBe(11);
      for (const [i, recordedAt] of times.entries()) {
        const between = new Date(Date.parse(recordedAt) + day / 2).toISOString();
        const known = stored.filter((e) => Date.parse(e.recordedAt) <= Date.parse(between));
        const expected = replay(known.map((e) => upcast(e) as ProjectEvent));
        for (const asOf of [between, recordedAt]) {
          const response = await state(`asOf=${encodeURIComponent(asOf)}`);
          expect({ i, status: response.status }).toEqual({ i, status: 200 });
          expect(response.body).toMatchObject({ projectId, revision: known.at(-1)!.revision, recordedAt, headRevision: stored.length - 1 });
          expect(response.body.state).toEqual(JSON.parse(JSON.stringify(expected)));
        }
      }
      // Not just the latest state every time: the stage moves.
      const early = await state(`asOf=${encodeURIComponent(times[0]!)}`);
      expect(early.body.state.stage).toBe('proposed');
      const late = await state(`asOf=${encodeURIComponent(times.at(-1)!)}`);
      expect(late.body.state.cuts).toHaveLength(1);
    });

    it('accepts an offset time and a revision', async () => {
      const stored = await streamOf(api, projectId);
      // 2026-03-04T08:00Z written in China Standard Time.
      const inCst = await state(`asOf=${encodeURIComponent('2026-03-04T16:00:00+08:00')}`);
      expect(inCst.status).toBe(200);
      expect(inCst.body.asOf).toBe('2026-03-04T08:00:00.000Z');
      expect(inCst.body.state.stage).toBe('goals-approved');
      for (const revision of [0, 3, stored.length - 1]) {
        const response = await state(`revision=${revision}`);
        expect(response.status).toBe(200);
        expect(response.body.revision).toBe(revision);
        expect(response.body.state).toEqual(JSON.parse(JSON.stringify(replay(stored.slice(0, revision + 1).map((e) => upcast(e) as ProjectEvent)))));
      }
    });

    it.each([
      ['asOf=yesterday', 400, 'validation'],
      ['asOf=2026-03-01', 400, 'validation'],
      ['', 400, 'validation'],
      ['asOf=2026-03-05T00:00:00Z&revision=1', 400, 'validation'],
      ['revision=-1', 400, 'validation'],
      ['revision=999', 404, 'revision-not-found'],
      ['asOf=2020-01-01T00:00:00Z', 404, 'not-yet-recorded'],
    ])('?%s answers %d %s', async (query, status, slug) => {
      const response = await state(query);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBe(`https://jixiao.example/problems/${slug}`);
    });

    it('answers 404 for an unknown project', async () => {
      const response = await api.call('GET', '/api/v1/audit/projects/no-such-project/state?revision=0', { token: auditor });
      expect(response.status).toBe(404);
      expect(response.body.type).toMatch(/domain\/project\.not-found$/);
    });
  });

  describe('GET /audit/export', () => {
    const raw = async (query = '') => {
      const response = await fetch(`${api.url}/api/v1/audit/export${query}`, { headers: { authorization: `Bearer ${auditor}` } });
      return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
    };
    const allStored = async () => {
      const events: StoredEvent[] = [];
      for await (const event of api.store.readAll()) events.push(event);
      return events;
    };

    it('streams the whole store as NDJSON, one line per event with every field', async () => {
      const stored = await allStored();
      const response = await raw();
      expect(response.status).toBe(200);
      expect(response.type).toMatch(/^application\/x-ndjson/);
      expect(response.text.endsWith('\n')).toBe(true);
      const lines = response.text.trimEnd().split('\n');
      expect(lines).toHaveLength(await api.store.headPosition());
      expect(lines.map((line) => JSON.parse(line))).toEqual(stored.map((e) => ({ ...e })));
      expect(Object.keys(JSON.parse(lines[0]!)).sort()).toEqual(
        ['data', 'hash', 'id', 'metadata', 'position', 'recordedAt', 'revision', 'schemaVersion', 'stream', 'type'],
      );
    });

    it('exports one project with ?project=, and 404 for an unknown one', async () => {
      const stored = await streamOf(api, projectId);
      const response = await raw(`?project=${projectId}`);
      expect(response.status).toBe(200);
      const lines = response.text.trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(lines).toEqual(stored.map((e) => ({ ...e })));
      expect(new Set(lines.map((l) => l.stream))).toEqual(new Set([projectStream(projectId)]));
      expect((await raw('?project=no-such-project')).status).toBe(404);
      expect((await raw('?project=bad%20id')).status).toBe(400);
    });
  });

  describe('GET /audit/verification', () => {
    it('reports intact chains, then the first event changed by a byte in the SQLite file', async () => {
      const intact = await api.call('GET', '/api/v1/audit/verification', { token: auditor });
      expect(intact.status).toBe(200);
      const head = await api.store.headPosition();
      expect(intact.body).toEqual({
        ok: true,
        eventsChecked: head,
        streamsChecked: expect.any(Number),
        headPosition: head,
        anchorsChecked: 0,
        anchor: { position: head, streams: intact.body.streamsChecked, digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
        tree: { ok: true, hashAlgorithm: 'sha256', treeSize: head, leavesChecked: head, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });

      const allocated = (await streamOf(api, projectId)).find((e) => e.type === 'BudgetAllocated')!;
      // As someone with the file would: drop the append-only guard, change one digit, put the guard back.
      const db = new Database((api.store as SqliteEventStore).file);
      try {
        db.exec('DROP TRIGGER events_append_only_update');
        const edit = db.prepare(`UPDATE events SET data = replace(data, '90000000', '90000009') WHERE position = ?`).run(allocated.position);
        expect(edit.changes).toBe(1);
        db.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                 BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`);
      } finally {
        db.close();
      }

      const broken = await api.call('GET', '/api/v1/audit/verification', { token: auditor });
      expect(broken.status).toBe(200);
      expect(broken.body).toMatchObject({
        ok: false,
        eventsChecked: allocated.position - 1,
        firstBreak: { position: allocated.position, stream: projectStream(projectId), revision: allocated.revision, reason: expect.stringMatching(/hash/) },
      });
    });
  });
});
