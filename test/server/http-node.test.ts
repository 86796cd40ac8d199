import type { FlowDocument } from '@chatflow/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseMessage } from '../api/sse-client';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type LocalService, startLocalService } from '../support/local-service';
import { startServer, type TestServer } from '../support/start-server';
import { postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { APP_SECRET, received, text, until } from './harness';

/** Asks for an order number, POSTs it to the shop API and says what the API answered. */
const orderFlow = (id: string, url: string): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: 'Order status',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', version: 1, position: { x: 0, y: 0 }, data: { text: 'Order number?', variable: 'order_id' } },
    {
      id: 'lookup',
      type: 'http',
      version: 1,
      position: { x: 0, y: 120 },
      data: {
        method: 'POST',
        url,
        headers: [
          { name: 'Authorization', value: 'Bearer shop-key' },
          { name: 'X-Customer', value: '{{contact.name}}' },
        ],
        body: '{ "order": "{{order_id}}", "channel": "whatsapp" }',
        responseMapping: [
          { variable: 'state', path: 'order.status' },
          { variable: 'item', path: 'order.lines[0].name' },
        ],
        statusVariable: 'status',
      },
    },
    { id: 'say', type: 'end', version: 1, position: { x: 0, y: 240 }, data: { text: 'Your {{item}} is {{state}}.' } },
    { id: 'sorry', type: 'end', version: 1, position: { x: 200, y: 240 }, data: { text: 'Sorry, we could not check order {{order_id}}.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'lookup' },
    { id: 'e2', source: 'lookup', sourceHandle: 'next', target: 'say' },
    { id: 'e3', source: 'lookup', sourceHandle: 'error', target: 'sorry' },
  ],
});

let shop: LocalService;
let graph: FakeGraphApi;
let server: TestServer;
let api: ApiClient;
beforeAll(async () => {
  shop = await startLocalService((request, res) => {
    const { order } = JSON.parse(request.body.toString() || '{}') as { order?: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ order: { id: order, status: 'shipped', lines: [{ name: 'Desk lamp' }] } }));
  });
  graph = await startFakeGraphApi();
  server = await startServer({
    env: {
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_GRAPH_URL: graph.url,
      HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${shop.port}`,
    },
    app: { examplesDir: '/nonexistent' },
  });
  api = apiClient(server.url, server.adminToken);
});
afterAll(async () => {
  await server.stop();
  await graph.close();
  await shop.close();
});
afterEach(() => {
  shop.requests.length = 0;
});

const post = (body: unknown) => {
  const raw = JSON.stringify(body);
  return postRawWebhook(server.url, raw, signWebhook(raw, APP_SECRET));
};

async function publishDefault(flow: FlowDocument): Promise<void> {
  const imported = await api.post<{ id: string }>('/api/flows/import', flow);
  expect(imported.status).toBe(201);
  expect((await api.post(`/api/flows/${imported.body.id}/publish`)).status).toBe(201);
  expect((await api.post(`/api/flows/${imported.body.id}/default`)).status).toBe(204);
}

interface ConversationDetail {
  id: string;
  vars: Record<string, unknown>;
  lastFailure?: { nodeId: string; reason: string; at: string };
}

async function latestConversation(): Promise<ConversationDetail> {
  const list = await api.get<{ id: string }[]>('/api/conversations?limit=1');
  return (await api.get<ConversationDetail>(`/api/conversations/${list.body[0]?.id}`)).body;
}

describe('the http node on WhatsApp', () => {
  it('POSTs JSON with headers and variables to an allowed API and says what it answered', async () => {
    await publishDefault(orderFlow('order-status', `${shop.url}/orders/lookup`));
    await post(text('wamid.http-1', 'hi'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.http-2', 'A-17 "rush"'));
    await until(() => received(graph).length >= 2);
    expect(received(graph).slice(0, 2)).toEqual(['Order number?', 'Your Desk lamp is shipped.']);

    expect(shop.requests).toHaveLength(1);
    const [call] = shop.requests;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('/orders/lookup');
    expect(call?.headers).toMatchObject({
      authorization: 'Bearer shop-key',
      'x-customer': 'Sheena Nelson',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(call?.body))).toEqual({ order: 'A-17 "rush"', channel: 'whatsapp' });
    const record = await latestConversation();
    expect(record.vars).toMatchObject({ order_id: 'A-17 "rush"', state: 'shipped', item: 'Desk lamp', status: 200 });
    expect(record.lastFailure).toBeUndefined();
  });

  it('never calls a host that is not allowed: the node takes its error exit and the record says why', async () => {
    graph.reset();
    // The same service, by a name the operator did not allow: it resolves to a loopback address.
    await publishDefault(orderFlow('order-status-local', `http://localhost:${shop.port}/orders/lookup`));
    await post(text('wamid.http-3', 'hi'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.http-4', 'B-2'));
    await until(() => received(graph).length >= 2);
    expect(received(graph).slice(0, 2)).toEqual(['Order number?', 'Sorry, we could not check order B-2.']);
    expect(shop.requests).toHaveLength(0);
    const record = await latestConversation();
    expect(record.lastFailure).toMatchObject({
      nodeId: 'lookup',
      reason: expect.stringMatching(/^host localhost resolves to (127\.0\.0\.1|::1), a loopback address$/),
    });
    expect(record.vars.status).toBeNull();
  });
});

describe('the http node in the test chat', () => {
  const said = (line: string) => (e: SseMessage) =>
    e.event === 'message' && (e.data as { direction: string; message: { text?: string } }).message.text === line;

  async function chat(flow: FlowDocument, answer: string) {
    const created = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow, contactName: 'Ana' });
    expect(created.status).toBe(201);
    const sse = await openStream(server.url, `/api/simulator/sessions/${created.body.sessionId}/events`, server.adminToken);
    await sse.next(said('Order number?'));
    await api.post(`/api/simulator/sessions/${created.body.sessionId}/messages`, { message: { kind: 'text', text: answer } });
    return sse;
  }

  it('calls the allowed API exactly as WhatsApp does', async () => {
    const sse = await chat(orderFlow('sim-ok', `${shop.url}/orders/lookup`), 'C-3');
    try {
      await sse.next(said('Your Desk lamp is shipped.'));
      expect(shop.requests.map((r) => JSON.parse(String(r.body)))).toEqual([{ order: 'C-3', channel: 'whatsapp' }]);
      expect(shop.requests[0]?.headers['x-customer']).toBe('Ana');
    } finally {
      sse.close();
    }
  });

  it('shows why a refused call failed beside the error exit’s answer', async () => {
    const sse = await chat(orderFlow('sim-private', 'http://10.0.0.5/orders/lookup'), 'D-4');
    try {
      await sse.next(said('Sorry, we could not check order D-4.'));
      const error = await sse.next((e) => e.event === 'error');
      expect(error.data).toEqual({ message: 'node "lookup" failed: host 10.0.0.5 is a private address' });
      expect(shop.requests).toHaveLength(0);
    } finally {
      sse.close();
    }
  });
});
