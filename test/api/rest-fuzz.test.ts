import { createSchemaChecker, type SchemaChecker } from '@chatflow/server/src/api/schema-checker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, eventually, postWebhook, whatsappText } from './api-client';
import { resolve, type Schema, sample, seededRandom } from './openapi-samples';

interface Operation {
  parameters: { name: string; in: 'path' | 'query'; schema: Schema }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One request of the fuzz: what was changed, the path with its parameters filled, and the body. */
interface Probe {
  what: string;
  path: string;
  body?: string;
}

const SEED = 0x9f;
const nested = (depth: number): unknown => (depth === 0 ? 0 : [nested(depth - 1)]);
const HUGE = 'x'.repeat(200_000);
const PATH_VALUES = ['fuzz-unknown-id', '%E0%A4%A', '%24where', 'a%2Fb', '%2E%2E', 'x'.repeat(3000), '0'];
const QUERY_VALUES = ['abc', '-1', '1e309', '', HUGE.slice(0, 5000), '%E0%A4%A'];

/** Body mutations: each takes the valid sample and the random source and returns what to send. */
const BODY_MUTATIONS: Record<string, (valid: unknown, field: string | undefined, random: () => number) => unknown> = {
  valid: (valid) => valid,
  'not an object': (_v, _f, random) => [[], 'text', 42, null, true][Math.floor(random() * 5)],
  'missing field': (valid, field) => omit(valid, field),
  'wrong type': (valid, field, random) => withField(valid, field, [42, 'text', [], {}, true, null][Math.floor(random() * 6)]),
  'extra field': (valid) => ({ ...asObject(valid), fuzzExtra: 1 }),
  '$-key': (valid, field) => withField({ ...asObject(valid), $where: '1' }, field, { $gt: '', 'a.b': 1 }),
  'huge string': (valid, field) => withField(valid, field, HUGE),
  'deep nesting': (valid, field) => withField(valid, field, nested(60)),
};

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
function omit(value: unknown, field: string | undefined): unknown {
  const { [field ?? '']: _, ...rest } = asObject(value);
  return rest;
}
function withField(value: unknown, field: string | undefined, replacement: unknown): unknown {
  return { ...asObject(value), [field ?? 'fuzz']: replacement };
}

/** The id of the first item a collection lists (`GET /api/flows` → a flow's id), for requests that should succeed. */
async function firstIds(server: TestServer, doc: OpenApi): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const path of Object.keys(doc.paths).filter((p) => p.endsWith('/{id}'))) {
    const collection = path.slice(0, -'/{id}'.length);
    if (!doc.paths[collection]?.get) continue;
    const answer = await fetch(`${server.url}${collection}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const body = (await answer.json()) as unknown;
    const items = Array.isArray(body) ? body : Object.values(asObject(body)).find(Array.isArray);
    const id = asObject(items?.[0]).id;
    if (typeof id === 'string') ids.set(collection, encodeURIComponent(id));
  }
  const conversations = await fetch(`${server.url}/api/conversations`, { headers: { authorization: `Bearer ${server.adminToken}` } });
  const contactId = asObject(((await conversations.json()) as unknown[])[0]).contactId;
  if (typeof contactId === 'string') ids.set('/api/contacts', encodeURIComponent(contactId));
  return ids;
}

function probesFor(path: string, operation: Operation, components: Record<string, Schema>, random: () => number, realId: string): Probe[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query' && p.name !== 'token');
  const fill = (value: () => string) => path.replace(/\{[A-Za-z_]+\}/g, value);
  const probes: Probe[] = [{ what: 'valid', path: fill(() => realId) }];
  if (pathParams.length)
    for (const value of PATH_VALUES) probes.push({ what: `path parameter ${value.slice(0, 20)}`, path: fill(() => value) });
  for (const param of queryParams) {
    const good = String(sample(param.schema, components));
    probes.push({ what: `query ${param.name} valid`, path: `${fill(() => 'fuzz-unknown-id')}?${param.name}=${encodeURIComponent(good)}` });
    for (const value of QUERY_VALUES)
      probes.push({ what: `query ${param.name}=${value.slice(0, 20)}`, path: `${fill(() => 'fuzz')}?${param.name}=${value}` });
    probes.push({ what: `query ${param.name} twice`, path: `${fill(() => 'fuzz')}?${param.name}=a&${param.name}=b` });
    probes.push({ what: `query ${param.name}[$gt]`, path: `${fill(() => 'fuzz')}?${param.name}[$gt]=` });
  }
  const bodySchema = operation.requestBody?.content['application/json'].schema;
  if (!bodySchema) return probes;
  const valid = sample(bodySchema, components);
  const resolved = resolve(bodySchema, components);
  const fields = [...Object.keys((resolved.properties ?? {}) as object), ...Object.keys(asObject(valid))];
  for (const [what, mutate] of Object.entries(BODY_MUTATIONS)) {
    for (let round = 0; round < (what === 'valid' ? 1 : 2); round++) {
      const field = fields.length ? pick(fields) : undefined;
      probes.push({
        what: `body ${what}${field ? ` (${field})` : ''}`,
        path: fill(() => realId),
        body: JSON.stringify(mutate(valid, field, random)),
      });
    }
  }
  return probes;
}

/** What is wrong with an answer: a 5xx, an undeclared status, or a body its declared schema refuses. */
async function problemWith(answer: Response, operation: Operation, checker: SchemaChecker, abort: AbortController) {
  const declared = operation.responses[String(answer.status)];
  const type = (answer.headers.get('content-type') ?? '').split(';')[0] ?? '';
  if (type === 'text/event-stream') {
    abort.abort();
    return declared ? undefined : `status ${answer.status} (a stream) is not declared`;
  }
  const text = await answer.text();
  if (answer.status >= 500) return `${answer.status} ${text.slice(0, 300)}`;
  if (!declared) return `status ${answer.status} is not declared (${text.slice(0, 160)})`;
  if (!declared.content) return undefined;
  const schema = declared.content[type]?.schema;
  if (!schema) return `${answer.status} came as ${type || 'no content type'}, declared ${Object.keys(declared.content)}`;
  if (type !== 'application/json') return undefined;
  const error = checker.check(schema, JSON.parse(text), 'body');
  return error && `${answer.status} body ${error.path} ${error.message}: ${text.slice(0, 160)}`;
}

describe('the REST API under fuzzed requests, driven by its own OpenAPI document', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let doc: OpenApi;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'fuzz-access-token' },
      config: (config) => ({ ...config, rateLimits: { ...config.rateLimits, apiPerIp: 1e6, apiPerToken: 1e6 } }),
    });
    doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    // A customer's message, so conversations and contacts have an item to fetch, change and delete.
    expect((await postWebhook(server.url, whatsappText({ from: '16505550123', text: 'hi', id: 'wamid.fuzz-1' }))).status).toBe(200);
    await eventually(async () => (graph.delivered().length ? true : undefined), 10_000, 'the reply');
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('answers every route and mutation without a 5xx, with a declared status and a body matching its schema', async () => {
    const ids = await firstIds(server, doc);
    const random = seededRandom(SEED);
    const checker = createSchemaChecker(doc.components.schemas);
    const failures: string[] = [];
    const succeeded = new Set<string>();
    let sent = 0;
    // Deletions last, so the other routes still find the items whose ids they use.
    const routes = Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const { path, method, operation } of routes) {
      const collection = [...ids.keys()].find((c) => path.startsWith(`${c}/{id}`));
      const realId = collection ? (ids.get(collection) ?? '') : 'fuzz-unknown-id';
      for (const probe of probesFor(path, operation, doc.components.schemas, random, realId)) {
        const abort = new AbortController();
        const answer = await fetch(`${server.url}${probe.path}`, {
          method: method.toUpperCase(),
          headers: {
            authorization: `Bearer ${server.adminToken}`,
            ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: probe.body,
          signal: abort.signal,
        });
        sent++;
        if (answer.status < 300) succeeded.add(`${method.toUpperCase()} ${path}`);
        const problem = await problemWith(answer, operation, checker, abort);
        if (problem) failures.push(`${method.toUpperCase()} ${path} [${probe.what}]: ${problem}`);
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(succeeded.size).toBeGreaterThan(30);
    console.info(`rest fuzz: ${sent} requests, ${succeeded.size} routes answered 2xx`);
    expect(failures).toEqual([]);
  }, 60_000);
});
