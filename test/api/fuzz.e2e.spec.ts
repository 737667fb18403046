import { nationalRulebook2020, seededRandom } from '@jixiao/domain';
import { fairScores, goals, mediumTermGoals, midYear, nextYear, proposal } from '../support/lifecycle-fixtures.js';
import { startApi, type RunningApi } from '../support/api-harness.js';

/**
 * A seeded fuzz test over every route of the OpenAPI document (issue 12). Each request
 * starts from a valid example and applies one mutation. Must-refuse mutations get 400
 * problem+json naming the field and write nothing; may-pass ones get 2xx or 4xx
 * problem+json; nothing ever gets 5xx or hangs. A failure prints its seed and request:
 * replay it with JIXIAO_FUZZ_SEED=<seed>.
 */
const seed = Number(process.env.JIXIAO_FUZZ_SEED ?? 20261129);
/** Random picks per route and mutation kind, on top of one pass over every target. */
const picksPerKind = 6;

type Role = 'department' | 'finance' | 'evaluator' | 'auditor' | 'oversight' | 'admin' | 'none';
interface Example {
  readonly role: Role;
  readonly path?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: Record<string, unknown>;
  /** Paths under which the body is free-form (validated by the domain, not the DTO): only global mutations there. */
  readonly opaque?: readonly string[];
  /** false when the route judges an opaque object whole (a signed checkpoint), so a key added inside it is not a DTO's unknown key. */
  readonly opaqueKeysChecked?: boolean;
}

const text = '农村饮水安全 water';
/** A valid example of every route; the test fails when the OpenAPI document has a route missing here. */
const examples: Record<string, Example> = {
  'GET /health': { role: 'none' },
  'GET /metrics': { role: 'admin' },
  'GET /api/v1/projects': { role: 'finance', query: { limit: '10', offset: '0', department: 'water-bureau', fiscalYear: '2026', stage: 'executing', grade: 'fair', openDeviations: 'true' } },
  'POST /api/v1/projects': { role: 'department', body: { ...proposal('water-bureau'), description: text } },
  'GET /api/v1/projects/{id}': { role: 'finance' },
  'POST /api/v1/projects/{id}/goals': { role: 'department', body: goals },
  'POST /api/v1/projects/{id}/goal-reviews': { role: 'finance', body: { grade: 'fair', comments: text } },
  'POST /api/v1/projects/{id}/indicators/{indicatorId}/target-adjustments': { role: 'finance', path: { indicatorId: 'households' }, body: { adjustedTarget: 1100, reason: text } },
  'POST /api/v1/projects/{id}/admission': { role: 'finance', body: { decision: 'reject', reviewScore: 55.5, reasons: [text] } },
  'POST /api/v1/projects/{id}/allocations': { role: 'finance', body: { amountFen: 90_000_000, reason: text, documentNo: '渝财预〔2026〕12号', capExceptionReason: text } },
  'POST /api/v1/projects/{id}/budget-adjustments': { role: 'finance', body: { newBudgetFen: 80_000_000, reason: text } },
  'POST /api/v1/projects/{id}/expenditures': { role: 'department', body: { expenditureId: 'exp-1', amountFen: 1_000_000, spentOn: '2026-06-30', description: text } },
  'POST /api/v1/projects/{id}/readings': { role: 'department', body: { readingId: 'r-1', indicatorId: 'households', period: '2026-06', value: 560, unit: '户', likelihood: 'possible', note: text } },
  'POST /api/v1/projects/{id}/deviations/{deviationId}/explanation': { role: 'department', path: { deviationId: 'dev-1' }, body: { cause: 'other', causeDetail: text, measures: text, likelihood: 'possible' } },
  'POST /api/v1/projects/{id}/evaluation-assignments': { role: 'finance', body: { evaluatorId: 'acme-evaluators', evaluatorKind: 'third-party' } },
  'POST /api/v1/projects/{id}/evaluations': { role: 'finance', body: { evaluationId: 'eval-1', kind: 'finance', method: 'comparison', scores: fairScores, executionRateReason: text } },
  'POST /api/v1/projects/{id}/budget-cuts': { role: 'finance', body: { cutId: 'cut-1', evaluationId: 'eval-1' } },
  'POST /api/v1/projects/{id}/result-decisions': { role: 'finance', body: { evaluationId: 'eval-1', decision: 'reduce', note: text } },
  'POST /api/v1/projects/{id}/incentives': { role: 'finance', body: { evaluationId: 'eval-1', measure: text } },
  'POST /api/v1/projects/{id}/cycles': { role: 'department', body: { ...nextYear(2027), overallGoal: text } },
  'POST /api/v1/projects/{id}/medium-term-goals': { role: 'department', body: { ...mediumTermGoals, overallGoal: text, indicators: [text, '覆盖人口 ≥ 80%'] } },
  'POST /api/v1/projects/{id}/rectifications': { role: 'finance', body: { rectificationId: 'rect-1', issues: text, evaluationId: 'eval-1', deadline: '2026-10-31T00:00:00Z' } },
  'POST /api/v1/projects/{id}/rectifications/{rid}/report': { role: 'department', path: { rid: 'rect-1' }, body: { report: text } },
  'POST /api/v1/projects/{id}/rectifications/{rid}/verification': { role: 'finance', path: { rid: 'rect-1' }, body: { passed: false, note: text } },
  'POST /api/v1/projects/{id}/closure': { role: 'finance', body: { reason: text } },
  'POST /api/v1/admin/tokens': { role: 'admin', body: { role: 'department', department: 'water-bureau', subject: 'fuzz-1', label: text } },
  'POST /api/v1/admin/rulebooks': { role: 'admin', body: { rulebook: { ...nationalRulebook2020, version: nationalRulebook2020.version + 1 } }, opaque: ['rulebook'] },
  'GET /api/v1/audit/projects/{id}/history': { role: 'auditor', query: { fromRevision: '0', limit: '10', fiscalYear: '2026' } },
  'GET /api/v1/audit/projects/{id}/state': { role: 'auditor', query: { asOf: '2026-07-15T08:00:00Z', fiscalYear: '2026' } },
  'GET /api/v1/audit/verification': { role: 'auditor' },
  'GET /api/v1/audit/export': { role: 'auditor', query: {} },
  'GET /api/v1/dashboards/departments': { role: 'finance', query: { fiscalYear: '2026', department: 'water-bureau' } },
  'GET /api/v1/dashboards/results-to-allocations': { role: 'finance', query: { fiscalYear: '2026', department: 'water-bureau' } },
  'GET /api/v1/deviations': { role: 'finance', query: { limit: '10', offset: '0', department: 'water-bureau', status: 'open', severity: 'red', fiscalYear: '2026' } },
  'GET /api/v1/evaluations': { role: 'finance', query: { limit: '10', offset: '0', department: 'water-bureau', fiscalYear: '2026', grade: 'fair', kind: 'self' } },
  'GET /api/v1/evaluations/grade-distribution': { role: 'finance', query: { fiscalYear: '2026', department: 'water-bureau' } },
  'GET /api/v1/accountability': { role: 'finance', query: { limit: '10', offset: '0', department: 'water-bureau', fiscalYear: '2026', appliedInFiscalYear: '2027' } },
  'GET /api/v1/projects/{id}/indicators': { role: 'finance', query: { fiscalYear: '2026' } },
  'GET /health/details': { role: 'admin' },
  'GET /api/v1/me': { role: 'finance' },
  'GET /api/v1/admin/tokens': { role: 'admin' },
  'DELETE /api/v1/admin/tokens/{tokenId}': { role: 'admin', path: { tokenId: 'no-such-token' }, body: { reason: text } },
  'GET /api/v1/projects/{id}/self-evaluation-draft': { role: 'finance' },
  'GET /api/v1/audit/proofs/inclusion': { role: 'auditor', query: { leafIndex: '0', treeSize: '1' } },
  'GET /api/v1/audit/proofs/consistency': { role: 'auditor', query: { from: '0', to: '1' } },
  'GET /api/v1/audit/checkpoints': { role: 'auditor' },
  'GET /api/v1/audit/public-key': { role: 'auditor' },
  'POST /api/v1/audit/checkpoints': { role: 'auditor' },
  'POST /api/v1/audit/cosignatures': {
    role: 'auditor',
    body: { checkpoint: { treeSize: 1, rootHash: 'ab'.repeat(32) }, cosignature: { witness: 'cnao', signedAt: '2026-07-15T08:00:00Z', signature: 'c2ln' } },
    opaque: ['checkpoint', 'cosignature'],
    opaqueKeysChecked: false,
  },
  'GET /api/v1/audit/what-if': { role: 'auditor', query: { department: 'water-bureau', rulebookVersion: '1', rulebookId: 'national-2020', fiscalYear: '2026' } },
};

type Kind =
  | 'drop-field' | 'wrong-type' | 'string-at-bound' | 'string-past-bound' | 'number-at-bound' | 'number-past-bound'
  | 'non-finite' | 'control-char' | 'invalid-utf8' | 'newline' | 'nest-deep' | 'unknown-key' | 'hostile-path' | 'hostile-query';

const mustRefuse: ReadonlySet<Kind> = new Set<Kind>([
  'wrong-type', 'string-past-bound', 'number-past-bound', 'non-finite', 'control-char', 'invalid-utf8', 'nest-deep', 'unknown-key',
]);
/** The kinds that apply inside a free-form subtree: the edge's global rules, not a DTO's. */
const globalKinds: ReadonlySet<Kind> = new Set<Kind>(['number-past-bound', 'non-finite', 'control-char', 'invalid-utf8', 'nest-deep']);

interface Mutation {
  readonly kind: Kind;
  /** Dotted path of the field the mutation touched, as the 400 must name it. */
  readonly field: string;
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Leaf = { path: (string | number)[]; value: Json };

function leaves(value: Json, path: (string | number)[] = []): Leaf[] {
  const here: Leaf[] = path.length ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return here;
}

const RAW = '@@RAW@@';
/** Replaces the value at `path` (structuredClone first); RAW marks where raw JSON text goes. */
function setAt(body: Json, path: (string | number)[], value: Json | typeof dropped): Json {
  const copy = structuredClone(body) as any;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  const last = path.at(-1)!;
  if (value === dropped) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}
const dropped = Symbol('dropped');

const deep = (depth: number, leaf: Json, array: boolean): Json => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
};

describe('fuzz: every route of the OpenAPI document, one mutation at a time', () => {
  let api: RunningApi;
  const tokens: Partial<Record<Role, string>> = {};
  let projectId: string;
  let operations: { method: string; path: string }[];

  beforeAll(async () => {
    api = await startApi({ clock: midYear });
    tokens.department = await api.token({ role: 'department', department: 'water-bureau' });
    tokens.finance = await api.token({ role: 'finance' });
    tokens.evaluator = await api.token({ role: 'evaluator', subject: 'acme-evaluators' });
    tokens.auditor = await api.token({ role: 'auditor' });
    tokens.oversight = await api.token({ role: 'oversight' });
    tokens.admin = await api.token({ role: 'admin' });
    const proposed = await api.call('POST', '/api/v1/projects', { token: tokens.department, body: proposal('water-bureau') });
    projectId = proposed.body.projectId;
    const base = `/api/v1/projects/${projectId}`;
    await api.call('POST', `${base}/goals`, { token: tokens.department, body: goals });
    await api.call('POST', `${base}/goal-reviews`, { token: tokens.finance, body: { grade: 'good' } });
    await api.call('POST', `${base}/admission`, { token: tokens.finance, body: { decision: 'admit', reviewScore: 88 } });
    const allocated = await api.call('POST', `${base}/allocations`, { token: tokens.finance, body: { amountFen: 90_000_000 } });
    expect(allocated.status).toBe(200);
    const doc = await api.call('GET', '/api/docs-json');
    operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => api.close());

  it('has a valid example for every route of the document', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.map((o) => `${o.method} ${o.path}`).filter((key) => !examples[key])).toEqual([]);
  });

  it(`answers every mutation as its kind demands (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const mutations: Mutation[] = [];
    for (const operation of operations) {
      const example = examples[`${operation.method} ${operation.path}`];
      if (example) mutations.push(...mutationsOf(operation, example, pick));
    }
    expect(mutations.length).toBeGreaterThan(2000);

    const failures: string[] = [];
    const failedByKind: Record<string, number> = {};
    for (const [index, mutation] of mutations.entries()) {
      const verdict = await judge(mutation);
      if (verdict) {
        const what = `${mutation.kind}: ${verdict.replace(/:.*$/s, '')}`;
        failedByKind[what] = (failedByKind[what] ?? 0) + 1;
        failures.push(`seed=${seed} #${index} ${mutation.kind} ${mutation.label}\n  ${mutation.method} ${mutation.url}\n  body: ${describeBody(mutation.body)}\n  → ${verdict}`);
      }
    }
    // The whole list, so one run shows every kind of failure; the count first, for a quick read.
    expect({ failed: failures.length, of: mutations.length, failedByKind, failures: failures.slice(0, 40) })
      .toEqual({ failed: 0, of: mutations.length, failedByKind: {}, failures: [] });
  }, 240_000);

  function mutationsOf(operation: { method: string; path: string }, example: Example, pick: <T>(items: readonly T[]) => T): Mutation[] {
    const pathValues: Record<string, string> = { id: projectId, ...example.path };
    const headers: Record<string, string> = example.role === 'none' ? {} : { authorization: `Bearer ${tokens[example.role]}` };
    const urlOf = (path: Record<string, string>, query: Record<string, string> | string | undefined) => {
      const filled = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => path[name] ?? encodeURIComponent(pathValues[name]!));
      const q = typeof query === 'string' ? query : new URLSearchParams(query ?? {}).toString();
      return filled + (q ? `?${q}` : '');
    };
    const out: Mutation[] = [];
    const add = (kind: Kind, field: string, label: string, parts: { path?: Record<string, string>; query?: Record<string, string> | string; body?: string | Buffer }) =>
      out.push({
        kind,
        field,
        label,
        method: operation.method,
        url: urlOf(parts.path ?? {}, parts.query ?? example.query),
        headers: { ...headers, ...(parts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(parts.body !== undefined ? { body: parts.body } : {}),
      });

    // Hostile path and query parameters, on every route that has them.
    const hostile = ['a'.repeat(101), '%', '%ff', '..%2F..%2Fetc', '%E2%80%AE', 'a%00b', '%1B%5B31m', '-1', '1e19', '9'.repeat(25), 'NaN', '%ED%A0%80'];
    for (const name of Object.keys(pathValues).filter((n) => operation.path.includes(`{${n}}`))) {
      for (const value of hostile) add('hostile-path', name, `${name}=${value}`, { path: { [name]: value }, ...(example.body ? { body: JSON.stringify(example.body) } : {}) });
    }
    for (const name of Object.keys(example.query ?? {})) {
      for (const value of hostile) {
        const rest = new URLSearchParams(example.query);
        rest.delete(name);
        const extra = rest.toString();
        add('hostile-query', name, `${name}=${value}`, { query: `${extra ? `${extra}&` : ''}${name}=${value}` });
      }
      add('hostile-query', name, `${name} twice`, { query: `${new URLSearchParams(example.query).toString()}&${name}=${example.query![name]}` });
    }
    if (!example.body) return out;

    const body = example.body as Json;
    const send = (value: Json, raw?: string | Buffer) => {
      const json = JSON.stringify(value);
      if (raw === undefined) return json;
      const [before, after] = json.split(`"${RAW}"`) as [string, string];
      return typeof raw === 'string' ? before + raw + after : Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
    };
    const all = leaves(body);
    const opaque = (leaf: Leaf) => (example.opaque ?? []).some((o) => leaf.path.length > 1 && leaf.path[0] === o);
    const dotted = (leaf: Leaf) => leaf.path.join('.');
    const targets = (kind: Kind, filter: (leaf: Leaf) => boolean) => {
      const eligible = all.filter((leaf) => filter(leaf) && (!opaque(leaf) || globalKinds.has(kind)));
      if (eligible.length === 0) return [];
      const picked = new Set(eligible.filter((_l, i) => i < 40));
      for (let i = 0; i < picksPerKind; i++) picked.add(pick(eligible));
      return [...picked];
    };
    const isString = (l: Leaf) => typeof l.value === 'string';
    const isNumber = (l: Leaf) => typeof l.value === 'number';
    const isObject = (l: Leaf) => l.value !== null && typeof l.value === 'object' && !Array.isArray(l.value);

    for (const leaf of targets('drop-field', () => true)) add('drop-field', dotted(leaf), dotted(leaf), { body: send(setAt(body, leaf.path, dropped)) });
    for (const leaf of targets('wrong-type', () => true)) {
      const other: Json = typeof leaf.value === 'string' ? 12345 : typeof leaf.value === 'number' ? String(leaf.value) : typeof leaf.value === 'boolean' ? 'true' : Array.isArray(leaf.value) ? { x: 1 } : leaf.value === null ? true : 'x';
      add('wrong-type', dotted(leaf), `${dotted(leaf)}=${JSON.stringify(other)}`, { body: send(setAt(body, leaf.path, other)) });
    }
    for (const leaf of targets('string-at-bound', isString)) add('string-at-bound', dotted(leaf), `${dotted(leaf)} 100 chars`, { body: send(setAt(body, leaf.path, 'a'.repeat(100))) });
    for (const leaf of targets('string-past-bound', isString)) add('string-past-bound', dotted(leaf), `${dotted(leaf)} 20001 chars`, { body: send(setAt(body, leaf.path, '文'.repeat(20_001))) });
    for (const leaf of targets('number-at-bound', isNumber)) {
      for (const n of [1e12, -1e12, 0, 0.01]) add('number-at-bound', dotted(leaf), `${dotted(leaf)}=${n}`, { body: send(setAt(body, leaf.path, n)) });
    }
    for (const leaf of targets('number-past-bound', isNumber)) {
      for (const n of [1e12 + 1, -1e13, 1e308]) add('number-past-bound', dotted(leaf), `${dotted(leaf)}=${n}`, { body: send(setAt(body, leaf.path, n)) });
    }
    for (const leaf of targets('non-finite', isNumber)) {
      for (const raw of ['1e309', '-1e400']) add('non-finite', dotted(leaf), `${dotted(leaf)}=${raw}`, { body: send(setAt(body, leaf.path, RAW), raw) });
    }
    const controls = ['\u0000', '\u0007', '\u001b[31m', '\u202e', '\u2066', '\ud800', '\udfff', '\u0085', '\u007f', '\r'];
    for (const leaf of targets('control-char', isString)) {
      for (const c of controls) add('control-char', dotted(leaf), `${dotted(leaf)} + ${JSON.stringify(c)}`, { body: send(setAt(body, leaf.path, `${leaf.value}${c}x`)) });
    }
    for (const leaf of targets('invalid-utf8', isString)) {
      for (const bytes of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe6, 0x96]]) {
        const raw = Buffer.concat([Buffer.from(`"${leaf.value}`), Buffer.from(bytes), Buffer.from('x"')]);
        add('invalid-utf8', dotted(leaf), `${dotted(leaf)} + bytes ${bytes.map((b) => b.toString(16)).join(' ')}`, { body: send(setAt(body, leaf.path, RAW), raw) });
      }
    }
    for (const leaf of targets('newline', isString)) add('newline', dotted(leaf), `${dotted(leaf)} + \\n\\t`, { body: send(setAt(body, leaf.path, `${leaf.value}\n\tx`)) });
    for (const leaf of targets('nest-deep', () => true)) {
      for (const [depth, array] of [[1314, true], [2372, false], [200, true]] as const) {
        add('nest-deep', dotted(leaf), `${dotted(leaf)} ${depth} ${array ? 'arrays' : 'objects'} deep`, { body: send(setAt(body, leaf.path, deep(depth, 1, array))) });
      }
    }
    const opaqueRoot = (l: Leaf) => example.opaqueKeysChecked === false && l.path.length === 1 && (example.opaque ?? []).includes(String(l.path[0]));
    const objects = [{ path: [] as (string | number)[], value: body }, ...all.filter(isObject)].filter((l) => !opaque(l as Leaf) && !opaqueRoot(l as Leaf));
    for (const object of objects) {
      const prefix = object.path.length ? `${object.path.join('.')}.` : '';
      for (const key of ['extraField', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf']) {
        const withKey = object.path.length ? setAt(body, object.path, { ...(object.value as object), [RAW]: 1 } as Json) : ({ ...(body as object), [RAW]: 1 } as Json);
        // The key goes in as raw JSON so "__proto__" is an own key, as a client would send it.
        add('unknown-key', `${prefix}${key}`, `${prefix}${key}`, { body: JSON.stringify(withKey).replace(`"${RAW}"`, JSON.stringify(key)) });
      }
    }
    return out;
  }

  async function judge(mutation: Mutation): Promise<string | undefined> {
    const before = await api.store.headPosition();
    let response: Response;
    try {
      response = await fetch(api.url + mutation.url, {
        method: mutation.method,
        headers: mutation.headers,
        ...(mutation.body !== undefined ? { body: mutation.body } : {}),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      return `no answer: ${(error as Error).message}`;
    }
    const raw = await response.text();
    const type = response.headers.get('content-type') ?? '';
    let problem: any;
    try {
      problem = JSON.parse(raw);
    } catch {
      problem = undefined;
    }
    const isProblem = type.startsWith('application/problem+json') && typeof problem?.type === 'string' && problem.status === response.status;
    if (response.status >= 500) return `${response.status} ${raw.slice(0, 300)}`;
    if (response.status >= 400 && !isProblem) return `${response.status} not problem+json (${type}): ${raw.slice(0, 200)}`;
    if (!mustRefuse.has(mutation.kind)) return undefined;
    if (response.status !== 400) return `must refuse with 400, got ${response.status}: ${raw.slice(0, 200)}`;
    const named = (problem.errors ?? []).map((e: { field: string }) => e.field) as string[];
    const namesField = named.some((f) => f === mutation.field || mutation.field.startsWith(`${f}.`) || f.startsWith(`${mutation.field}.`));
    if (!namesField) return `400 does not name ${mutation.field} (names ${JSON.stringify(named)}): ${raw.slice(0, 200)}`;
    const after = await api.store.headPosition();
    if (after !== before) return `refused but the head moved from ${before} to ${after}`;
    return undefined;
  }
});

function describeBody(body: string | Buffer | undefined): string {
  if (body === undefined) return '(none)';
  const shown = typeof body === 'string' ? JSON.stringify(body) : `bytes ${body.toString('base64')}`;
  return shown.length > 400 ? `${shown.slice(0, 400)}… (${shown.length} chars)` : shown;
}
