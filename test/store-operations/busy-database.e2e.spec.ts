import { startApi, type RunningApi } from '../support/api-harness.js';
import { holdWriteLock } from '../support/hold-write-lock.js';
import { midYear, proposal } from '../support/lifecycle-fixtures.js';

/**
 * Issue 13, case 3: another process holds the SQLite write lock for 8 s. The api must
 * keep answering (/health within 200 ms) while a command waits for the lock, and the
 * command must give up after JIXIAO_LOCK_WAIT_MS with 503 and Retry-After, writing nothing.
 */
describe('a busy SQLite database', () => {
  let api: RunningApi;
  let department: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear, lockWaitMs: 2_000 });
    department = await api.token({ role: 'department', department: 'water-bureau' });
  });
  afterAll(() => api.close());

  it('keeps /health under 200 ms while a command waits, then answers the command 503 with Retry-After and writes nothing', async () => {
    const file = (api.store as { file?: string }).file!;
    const before = await api.store.headPosition();
    const lock = await holdWriteLock(file, 8_000);
    const started = Date.now();
    const command = api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    const healthTimes: number[] = [];
    // Health checks throughout the command's wait, the first while it is already waiting.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const t0 = performance.now();
      const health = await api.call('GET', '/health');
      healthTimes.push(performance.now() - t0);
      expect(health.status).toBe(200);
    }
    const response = await command;
    const waited = Date.now() - started;
    expect(Math.max(...healthTimes)).toBeLessThan(200);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(response.body).toMatchObject({ status: 503, type: expect.stringMatching(/store-busy$/) });
    expect(waited).toBeGreaterThanOrEqual(1_900);
    expect(waited).toBeLessThan(6_000); // gave up at the bound, not when the lock was freed at 8 s
    expect(await api.store.headPosition()).toBe(before);

    await lock.released;
    expect(await api.store.headPosition()).toBe(before);
    const retried = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') });
    expect(retried.status).toBe(201);
  }, 20_000);
});
