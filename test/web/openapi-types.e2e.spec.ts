import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describeApiWithoutStore } from '../../apps/api/src/openapi/write-openapi.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/*
 * The console's typed client is generated from the api's own OpenAPI document (npm run openapi)
 * and committed. These fail when the committed files differ from what the running api serves.
 */
describe('the committed OpenAPI document and the generated client types', () => {
  let api: RunningApi;
  let live: Record<string, unknown>;
  const web = join(process.cwd(), 'apps', 'web');

  beforeAll(async () => {
    api = await startApi();
    const response = await api.call('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    live = response.body;
  });
  afterAll(() => api.close());

  it('apps/web/openapi.json equals the live /api/docs-json', () => {
    expect(JSON.parse(readFileSync(join(web, 'openapi.json'), 'utf8'))).toEqual(live);
  });

  it('apps/web/src/api/schema.d.ts is what openapi-typescript makes of the live document', async () => {
    const committed = readFileSync(join(web, 'src', 'api', 'schema.d.ts'), 'utf8');
    // The CLI puts a banner comment above the types; the types are what must match.
    const types = committed.slice(committed.indexOf('export '));
    expect(types).toBe(astToString(await openapiTS(live as never)));
  });

  it('the writer builds the same document without opening a store', async () => {
    expect(JSON.parse(JSON.stringify(await describeApiWithoutStore()))).toEqual(live);
  });
});
