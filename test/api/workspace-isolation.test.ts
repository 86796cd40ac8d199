import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf } from '../business/business-fixtures';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { apiClient, eventually, postWebhook, whatsappText } from './api-client';
import { type Schema, sample } from './openapi-samples';
import { openSse, openStream } from './sse-client';
import { makeTenant, type Tenant } from './workspace-fixtures';

interface Operation {
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  security: Record<string, unknown>[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const CUSTOMER = '15557770001';

/**
 * Workspace isolation, generated from the OpenAPI document: every route is called with workspace
 * B's key and workspace A's ids (in the path, the query and the body). A route naming A's things
 * answers 404 or 403; no answer holds anything of A that B did not send itself; and the live
 * streams carry nothing of A.
 */
describe('workspace isolation, every route of the OpenAPI document', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let a: Tenant;
  let b: Tenant;
  /** A's ids by the path parameter they fill, per route prefix. */
  const ids: Record<string, string> = {};
  /** Everything of A that must never reach B. */
  let secrets: string[];
  const neutralFlow = flowOf('bravo-own', 'hello', [{ id: 'hello', type: 'message', data: { text: 'Bravo here' } }], []);

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({ env: { WHATSAPP_GRAPH_URL: graph.url }, app: { exampleCatalog: false } });
    const admin = apiClient(server.url, server.adminToken);
    a = await makeTenant(server.url, admin, 'Alpha', '300000000000003');
    b = await makeTenant(server.url, admin, 'Bravo', '400000000000004');
    // A's data in every area the API has: a handed-off conversation, a contact, a user, a product, a secret, a simulator session.
    const handoff = flowOf(
      'alpha-handoff',
      'hello',
      [
        { id: 'hello', type: 'message', data: { text: 'Alpha hands you over' } },
        { id: 'human', type: 'handoff', data: { department: 'alpha-desk', text: 'An Alpha agent is coming', note: 'Alpha note' } },
      ],
      ['hello -> human'],
    );
    expect((await a.api.post('/api/flows', { document: handoff })).status).toBe(201);
    expect((await a.api.post('/api/flows/alpha-handoff/publish')).status).toBe(201);
    expect((await a.api.put(`/api/channels/${a.phoneNumberId}`, { flowId: 'alpha-handoff' })).status).toBe(200);
    const user = await a.api.post<{ id: string }>('/api/users', {
      email: 'agent@alpha.example',
      name: 'Alpha Agent',
      password: 'alpha-long-password',
      role: 'agent',
    });
    const product = await a.api.post<{ id: string }>('/api/catalog/products', { name: 'Alpha Espresso', price: '3.50', currency: 'EUR' });
    expect((await a.api.put('/api/secrets/ALPHA_KEY', { value: 'alpha-secret-value-123' })).status).toBeLessThan(300);
    const simulated = await a.api.post<{ sessionId: string }>('/api/simulator/sessions', { document: handoff });
    expect(simulated.status).toBe(201);
    const keys = await a.api.get<{ id: string }[]>(`/api/workspaces/${a.id}/api-keys`);
    const conversation = await customerHandedOff('wamid.iso-a-1');
    Object.assign(ids, {
      '/api/flows/{id}': a.flowId,
      '/api/flows/{id}/versions/{version}': '1',
      '/api/simulator/sessions/{id}': simulated.body.sessionId,
      '/api/conversations/{id}': conversation.id,
      '/api/inbox/conversations/{id}': conversation.id,
      '/api/contacts/{id}': conversation.contactId,
      '/api/channels/{id}': a.phoneNumberId,
      '/api/secrets/{name}': 'ALPHA_KEY',
      '/api/catalog/products/{id}': product.body.id,
      '/api/users/{id}': user.body.id,
      '/api/workspaces/{id}': a.id,
      '/api/workspaces/{id}/members/{userId}': user.body.id,
      '/api/workspaces/{id}/api-keys/{keyId}': keys.body[0]?.id ?? 'none',
    });
    secrets = [
      // Secret names are the caller's own words (B may have an ALPHA_KEY of its own): only the value is A's.
      ...Object.values(ids).filter((id) => id.length > 3 && id !== 'ALPHA_KEY'),
      a.greeting,
      a.accessToken,
      a.appSecret,
      a.key,
      CUSTOMER,
      'agent@alpha.example',
      'Alpha Espresso',
      'alpha-secret-value-123',
      'Alpha note',
      'alpha-desk',
    ];
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  async function customerHandedOff(wamid: string) {
    const body = whatsappText({ from: CUSTOMER, text: 'hello Alpha', id: wamid, phoneNumberId: a.phoneNumberId });
    expect((await postWebhook(server.url, body, a.appSecret)).status).toBe(200);
    return eventually(async () => {
      const listed = await a.api.get<{ id: string; contactId: string; status: string }[]>('/api/conversations');
      return listed.body.find((c) => c.status === 'handoff');
    });
  }

  /** A's id for a path parameter: the route's own, else the one of the route it hangs under. */
  function idFor(template: string, name: string): string {
    const upTo = template.slice(0, template.indexOf(`{${name}}`) + name.length + 2);
    return ids[upTo] ?? ids[upTo.replace(/\/\{[^}]+\}$/, '/{id}')] ?? a.id;
  }
  /** The same name in a query or a body means the same thing of A. */
  const byField = (): Record<string, string> => ({
    workspaceId: a.id,
    flowId: a.flowId,
    conversationId: ids['/api/conversations/{id}'] ?? a.id,
    contactId: ids['/api/contacts/{id}'] ?? a.id,
    phoneNumberId: a.phoneNumberId,
    email: 'agent@alpha.example',
    address: CUSTOMER,
  });
  /**
   * Bodies the schema samples cannot make valid. They are B's own words (what B creates with them
   * is B's), except where they name A's things.
   */
  const bodies = (): Record<string, unknown> => ({
    'put /api/flows/{id}': { draft: { ...neutralFlow, id: a.flowId } },
    'post /api/flows/validate': { document: neutralFlow },
    'post /api/flows/import': neutralFlow,
    'post /api/simulator/sessions': { document: neutralFlow },
    'post /api/auth/stream-tickets': { stream: `/api/simulator/sessions/${ids['/api/simulator/sessions/{id}']}/events` },
  });
  /** Paths whose parameter is a name the caller picks in its own workspace, not an id of A's: B gets its own. */
  const ownNames = new Set(['/api/secrets/{name}']);

  it('answers 404 or 403 for A’s ids and shows nothing of A, on every route', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    const fields = byField();
    const explicit = bodies();
    const seen: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security.some((s) => 'streamTicket' in s)) continue; // the streams: below
        const path = template.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => encodeURIComponent(idFor(template, name)));
        const query = operation.parameters.filter((p) => p.in === 'query' && fields[p.name]).map((p) => `${p.name}=${fields[p.name]}`);
        const schema = operation.requestBody?.content['application/json'].schema;
        const body = explicit[`${method} ${template}`] ?? (schema ? withFields(sample(schema, doc.components.schemas), fields) : undefined);
        // Required headers (an Idempotency-Key) are sent as a client would, so the route reaches its access check.
        const headers = Object.fromEntries(
          operation.parameters.filter((p) => p.in === 'header' && p.required).map((p) => [p.name, `isolation-${seen.length}`]),
        );
        const sent = `${path}?${query.join('&')} ${JSON.stringify(body ?? '')}`;
        const answer = await fetch(`${server.url}${path}${query.length ? `?${query.join('&')}` : ''}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${b.key}`, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await answer.text();
        const what = `${method.toUpperCase()} ${template}: ${answer.status} ${text.slice(0, 200)}`;
        seen.push(what);
        if (template.includes('{') && !ownNames.has(template)) expect([403, 404], what).toContain(answer.status);
        for (const secret of secrets) if (!sent.includes(secret)) expect(text, what).not.toContain(secret);
      }
    }
    expect(seen.length).toBeGreaterThan(60);
    // A's things are all still there.
    expect((await a.api.get(`/api/flows/${a.flowId}`)).status).toBe(200);
    expect((await a.api.get(`/api/channels/${a.phoneNumberId}`)).status).toBe(200);
    expect((await a.api.get(`/api/users/${ids['/api/users/{id}']}`)).status).toBe(200);
    expect((await a.api.get('/api/secrets')).text).toContain('ALPHA_KEY');
    const own = await openSse(`${server.url}/api/simulator/sessions/${ids['/api/simulator/sessions/{id}']}/events`, {
      authorization: `Bearer ${a.key}`,
    });
    expect(own.status).toBe(200);
    own.close();
    expect((await a.api.get(`/api/workspaces/${a.id}/api-keys`)).status).toBe(200);
  }, 90_000);

  it("gives B's live streams nothing of A, and A's stream its own events", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    const streams = Object.entries(doc.paths).filter(([, operations]) => operations.get?.security.some((s) => 'streamTicket' in s));
    expect(streams.length).toBeGreaterThanOrEqual(2);
    const opened: Awaited<ReturnType<typeof openStream>>[] = [];
    for (const [template] of streams) {
      const path = template.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => encodeURIComponent(idFor(template, name)));
      if (!template.includes('{')) {
        opened.push(await openStream(server.url, path, b.key));
        continue;
      }
      // A's stream, with B's key or with a ticket B asked for, opens nothing.
      for (const stream of [
        await openSse(`${server.url}${path}`, { authorization: `Bearer ${b.key}` }),
        await openStream(server.url, path, b.key),
      ]) {
        expect([403, 404], template).toContain(stream.status);
        stream.close();
      }
    }
    const mine = await openStream(server.url, '/api/inbox/events', a.key);
    try {
      expect(opened.map((stream) => stream.status)).toEqual(opened.map(() => 200));
      // A new customer of A is handed off: A's stream announces it, B's say nothing of it.
      const body = whatsappText({ from: '15557770002', text: 'hello again Alpha', id: 'wamid.iso-a-2', phoneNumberId: a.phoneNumberId });
      expect((await postWebhook(server.url, body, a.appSecret)).status).toBe(200);
      await mine.next((event) => event.event === 'waiting' || JSON.stringify(event.data).includes('waiting'));
      for (const stream of opened) {
        const heard = JSON.stringify(stream.events);
        for (const secret of [...secrets, '15557770002', 'hello again Alpha']) expect(heard).not.toContain(secret);
        expect(stream.events.filter((event) => event.event !== 'ready' && event.event !== 'ping')).toEqual([]);
      }
    } finally {
      for (const stream of [...opened, mine]) stream.close();
    }
  }, 90_000);
});

/** The sample body with the fields that name things (a flow, a conversation...) set to A's. */
function withFields(body: unknown, fields: Record<string, string>): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fields[key] ?? value]));
}
