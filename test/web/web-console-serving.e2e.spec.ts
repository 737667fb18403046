import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildIsCurrent, webSourceHash } from '../../apps/api/src/web/build-web-if-changed.js';
import { consoleContentSecurityPolicy } from '../../apps/api/src/web/web-console.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

const givenPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

describe('the web console served by the api at /', () => {
  let api: RunningApi;
  beforeAll(async () => {
    if (!webBuildIsCurrent()) throw new Error('dist/web is missing or stale: npm test builds it first (or run npm run build:web)');
    api = await startApi();
  });
  afterAll(() => api.close());

  it('serves index.html with the Content-Security-Policy exactly as given, revalidated every time', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(givenPolicy);
    expect(consoleContentSecurityPolicy).toBe(givenPolicy);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag')!;
    expect((await fetch(`${api.url}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(await response.text()).toMatch(/<script type="module" crossorigin src="\/assets\/[\w-]+\.js">/);
  });

  it('caches hashed assets for a year, gzipped when asked', async () => {
    const html = await (await fetch(`${api.url}/`)).text();
    const script = /src="(\/assets\/[\w-]+\.js)"/.exec(html)![1]!;
    const response = await fetch(`${api.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-security-policy')).toBe(givenPolicy);
    expect((await response.text()).length).toBeGreaterThan(1000);
  });

  it('leaves /api/docs its own headers and unknown paths to the api (404 problem+json)', async () => {
    const docs = await fetch(`${api.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).not.toBe(givenPolicy);
    const unknown = await fetch(`${api.url}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${api.url}/.source-hash`)).status).toBe(404);
  });

  it('GET /api/v1/me names the caller: role, department and division', async () => {
    const water = await api.token({ role: 'department', department: 'water-bureau', subject: 'water-staff', label: '水利局' });
    expect((await api.call('GET', '/api/v1/me', { token: water })).body).toEqual({
      id: 'water-staff', role: 'department', department: 'water-bureau', division: null, label: '水利局',
    });
    const oversight = await api.token({ role: 'oversight' });
    expect((await api.call('GET', '/api/v1/me', { token: oversight })).body).toMatchObject({ role: 'oversight', department: null });
    const anonymous = await api.call('GET', '/api/v1/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('build:web only when apps/web changed (content hash)', () => {
  it('hashes every file under apps/web and the lock file: the same sources give the same hash, any change another', () => {
    const root = mkdtempSync(join(tmpdir(), 'jixiao-web-hash-'));
    try {
      mkdirSync(join(root, 'apps', 'web', 'src'), { recursive: true });
      writeFileSync(join(root, 'package-lock.json'), '{}');
      writeFileSync(join(root, 'apps', 'web', 'src', 'main.ts'), 'one');
      const first = webSourceHash(root);
      expect(webSourceHash(root)).toBe(first);
      writeFileSync(join(root, 'apps', 'web', 'src', 'main.ts'), 'two');
      const second = webSourceHash(root);
      expect(second).not.toBe(first);
      writeFileSync(join(root, 'apps', 'web', 'src', 'extra.ts'), '');
      expect(webSourceHash(root)).not.toBe(second);
      writeFileSync(join(root, 'package-lock.json'), '{"changed":true}');
      expect(webSourceHash(root)).not.toBe(second);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
