import { midYear } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

describe('bodies that are not JSON objects', () => {
  let api: RunningApi;
  let department: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    department = await api.token({ role: 'department', department: 'water-bureau' });
  });
  afterAll(() => api.close());

  it.each([
    ['an array', '[]'],
    ['a string', '"propose"'],
    ['null', 'null'],
    ['a number', '42'],
    ['broken JSON', '{"title": '],
  ])('answers %s with 400 problem+json and writes nothing', async (_name, raw) => {
    const before = await api.store.headPosition();
    const response = await api.call('POST', '/api/v1/projects', { token: department, body: raw });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, type: expect.any(String), detail: expect.any(String) });
    expect(await api.store.headPosition()).toBe(before);
  });

  it.each([
    ['application/xml', '<project/>'],
    // A form or plain text would skip the JSON parser's rules (issue 12).
    ['application/x-www-form-urlencoded', 'grade=good&constructor=1'],
    ['text/plain', '{"grade":"good"}'],
  ])('answers a %s body with 415 problem+json and writes nothing', async (type, body) => {
    const before = await api.store.headPosition();
    const response = await fetch(`${api.url}/api/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${department}`, 'content-type': type },
      body,
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await api.store.headPosition()).toBe(before);
  });
});
