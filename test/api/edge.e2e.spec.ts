import { connect } from 'node:net';
import { goals, midYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/** Sends raw bytes and returns the raw response, for what fetch would refuse to send. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

const problemOf = (response: string) => {
  const [head, body] = response.split('\r\n\r\n') as [string, string];
  return { status: Number(head.split(' ')[1]), contentType: /content-type: ([^\r]+)/i.exec(head)?.[1], body: JSON.parse(body) };
};

describe('the edge: errors raised before Nest, conditional headers, strict dates (issue 12)', () => {
  let api: RunningApi;
  let department: string;
  let auditor: string;
  let finance: string;
  let project: string;
  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    department = await api.token({ role: 'department', department: 'water-bureau' });
    finance = await api.token({ role: 'finance' });
    auditor = await api.token({ role: 'auditor' });
    project = (await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') })).body.projectId;
  });
  afterAll(() => api.close());

  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, type: RegExp) => {
    expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: expect.stringMatching(type) });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };

  describe('errors the router and the HTTP parser raise answer problem+json with a stable type', () => {
    it('a malformed %-encoding in the path: 400', async () => {
      expectProblem(await api.call('GET', `/api/v1/projects/%E0%A4%A`, { token: auditor }), 400, /\/bad-url$/);
    });

    it('a path parameter over 100 characters: 414', async () => {
      expectProblem(await api.call('GET', `/api/v1/projects/${'a'.repeat(101)}`, { token: auditor }), 414, /\/uri-too-long$/);
    });

    it.each([
      ['a malformed request line', 'GET /api/v1/projects HTTP/1.1 extra\r\nHost: x\r\n\r\n'],
      ['a malformed Content-Length', 'POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}'],
      ['two different Content-Lengths', 'POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
      ['a header without a colon', 'GET /health HTTP/1.1\r\nHost x\r\n\r\n'],
    ])('%s: 400 from the HTTP parser', async (_name, request) => {
      const before = await api.store.headPosition();
      const response = problemOf(await raw(api.url, request));
      expect(response).toMatchObject({ status: 400, contentType: 'application/problem+json', body: { status: 400, type: expect.stringMatching(/\/malformed-request$/) } });
      expect(await api.store.headPosition()).toBe(before);
    });
  });

  describe('bodies: depth, prototype keys, bytes', () => {
    it.each([
      ['1,314 arrays deep', `{"title":${'['.repeat(1314)}${']'.repeat(1314)}}`],
      ['2,372 objects deep', `{"title":${'{"a":'.repeat(2372)}1${'}'.repeat(2372)}}`],
    ])('a body nested %s: 400 naming the field, nothing written', async (_name, body) => {
      const before = await api.store.headPosition();
      const response = await api.call('POST', '/api/v1/projects', { token: department, body });
      expectProblem(response, 400, /\/too-deep$/);
      expect(response.body.errors[0].field).toMatch(/^title/);
      expect(await api.store.headPosition()).toBe(before);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Title'])('an unknown key %s: 400 naming it', async (key) => {
      const body = JSON.stringify(proposal('water-bureau')).replace(/}$/, `,${JSON.stringify(key)}:{}}`);
      const response = await api.call('POST', '/api/v1/projects', { token: department, body });
      expectProblem(response, 400, /\/validation$/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(key);
    });

    it('a reading of 1e308 (gap Infinity) and one of 1e309 (Infinity): 400, not stored as null', async () => {
      for (const value of ['1e308', '1e309']) {
        const body = `{"indicatorId":"households","period":"2026-06","value":${value}}`;
        const response = await api.call('POST', `/api/v1/projects/${project}/readings`, { token: department, body });
        expectProblem(response, 400, /\/validation$/);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'value' })]);
      }
    });
  });

  describe('dates are read strictly', () => {
    it.each(['2026-11-31T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z'])('GET state?asOf=%s: 400, not a rolled-over day', async (asOf) => {
      const response = await api.call('GET', `/api/v1/audit/projects/${project}/state?asOf=${asOf}`, { token: auditor });
      expectProblem(response, 400, /\/validation$/);
    });
  });

  describe('entity tags (RFC 9110)', () => {
    it.each(['"0', '0', 'W/0', '"0" "1"'])('refuses a malformed If-Match %s with 400, before anything runs', async (ifMatch) => {
      const before = await api.store.headPosition();
      const response = await api.call('POST', `/api/v1/projects/${project}/goals`, { token: department, body: goals, headers: { 'if-match': ifMatch } });
      expectProblem(response, 400, /\/precondition-malformed$/);
      expect(await api.store.headPosition()).toBe(before);
    });

    it('compares If-Match strongly, and takes "*" and lists', async () => {
      const other = (await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau') })).body.projectId;
      const path = `/api/v1/projects/${other}/goals`;
      for (const ifMatch of ['W/"0"', '"00"', '"abc"', '"5", "7"']) {
        const response = await api.call('POST', path, { token: department, body: goals, headers: { 'if-match': ifMatch } });
        expect({ ifMatch, status: response.status, type: response.body.type }).toEqual({ ifMatch, status: 412, type: expect.stringMatching(/\/precondition-failed$/) });
      }
      const listed = await api.call('POST', path, { token: department, body: goals, headers: { 'if-match': '"5", "0"' } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('etag')).toBe('"1"');
      const any = await api.call('POST', `/api/v1/projects/${other}/goal-reviews`, { token: finance, body: { grade: 'good' }, headers: { 'if-match': '*' } });
      expect(any.status).toBe(200);
      const created = await api.call('POST', '/api/v1/projects', { token: department, body: proposal('water-bureau'), headers: { 'if-match': '*' } });
      expect(created.status).toBe(412);
    });

    it('refuses a malformed If-None-Match with 400', async () => {
      expectProblem(await api.call('GET', `/api/v1/projects/${project}`, { token: auditor, headers: { 'if-none-match': '0' } }), 400, /\/precondition-malformed$/);
    });

    it('answers If-None-Match with 304 when the ETag is current (weak comparison), 200 otherwise', async () => {
      const current = await api.call('GET', `/api/v1/projects/${project}`, { token: auditor });
      const etag = current.headers.get('etag')!;
      for (const header of [etag, `W/${etag}`, `"999", ${etag}`, '*']) {
        const response = await fetch(`${api.url}/api/v1/projects/${project}`, { headers: { authorization: `Bearer ${auditor}`, 'if-none-match': header } });
        expect({ header, status: response.status, body: await response.text() }).toEqual({ header, status: 304, body: '' });
        expect(response.headers.get('etag')).toBe(etag);
      }
      const stale = await api.call('GET', `/api/v1/projects/${project}`, { token: auditor, headers: { 'if-none-match': '"999"' } });
      expect(stale.status).toBe(200);
      expect(stale.body.projectId).toBe(project);
    });

    it('does not answer 304 to a command, whatever If-None-Match says', async () => {
      const response = await api.call('POST', `/api/v1/projects/${project}/goals`, { token: finance, body: goals, headers: { 'if-none-match': '*' } });
      expect(response.status).not.toBe(304);
    });
  });
});
