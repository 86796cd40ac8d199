import type { FlowDocument, FlowTest } from '@chatflow/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseMessage } from '../api/sse-client';
import { type LocalService, startLocalService } from '../support/local-service';
import { startServer, type TestServer } from '../support/start-server';

/** Asks for an order number, looks it up in the shop's API and says its status. */
const orderFlow = (url: string, tests?: FlowTest[]): FlowDocument => ({
  schemaVersion: 1,
  id: 'order-status',
  name: 'Order status',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', version: 1, position: { x: 0, y: 0 }, data: { text: 'Order number?', variable: 'order_id' } },
    {
      id: 'lookup',
      type: 'http',
      version: 1,
      position: { x: 0, y: 120 },
      data: { method: 'GET', url: `${url}/orders/{{order_id}}`, responseMapping: [{ variable: 'state', path: 'status' }] },
    },
    { id: 'say', type: 'end', version: 1, position: { x: 0, y: 240 }, data: { text: 'Order {{order_id}} is {{state}}.' } },
    { id: 'sorry', type: 'end', version: 1, position: { x: 200, y: 240 }, data: { text: 'Sorry, the shop is not answering.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'lookup' },
    { id: 'e2', source: 'lookup', sourceHandle: 'next', target: 'say' },
    { id: 'e3', source: 'lookup', sourceHandle: 'error', target: 'sorry' },
  ],
  ...(tests ? { tests } : {}),
});

let shop: LocalService;
let server: TestServer;
let api: ApiClient;
beforeAll(async () => {
  shop = await startLocalService((_request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'shipped' }));
  });
  server = await startServer({ env: { HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${shop.port}` }, app: { examplesDir: '/nonexistent' } });
  api = apiClient(server.url, server.adminToken);
});
afterAll(async () => {
  await server.stop();
  await shop.close();
});

it("keeps the shop API's answer from a test-chat run, and a test replaying it passes without calling the shop", async () => {
  const flow = orderFlow(shop.url);
  const { sessionId } = (await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow })).body;
  const sse = await openStream(server.url, `/api/simulator/sessions/${sessionId}/events`, server.adminToken);
  try {
    await api.post(`/api/simulator/sessions/${sessionId}/messages`, { message: { kind: 'text', text: 'A-17' } });
    const said = (e: SseMessage) =>
      e.event === 'message' && (e.data as { message: { text?: string } }).message.text === 'Order A-17 is shipped.';
    await sse.next(said);
    const recorded = await sse.next((e) => e.event === 'recorded');
    expect(recorded.data).toMatchObject({ port: 'http', answer: { status: 200, body: JSON.stringify({ status: 'shipped' }) } });

    // The test the builder saves from that chat: the recorded answer goes with it.
    const { answer } = recorded.data as { answer: NonNullable<NonNullable<FlowTest['recorded']>['http']>[number] };
    const test: FlowTest = {
      name: 'a shipped order',
      steps: [{ expect: 'Order number?' }, { say: 'A-17' }, { expect: 'Order A-17 is shipped.' }],
      recorded: { http: [answer] },
    };
    expect((await api.post('/api/flows/import', orderFlow(shop.url, [test]))).status).toBe(201);
    const calls = shop.requests.length;
    const ran = await api.post<{ results: { name: string; passed: boolean }[] }>('/api/flows/order-status/tests/run');
    expect(ran.body.results).toEqual([{ name: 'a shipped order', passed: true }]);
    expect((await api.post('/api/flows/order-status/publish')).status).toBe(201);
    expect(shop.requests.length).toBe(calls);
  } finally {
    sse.close();
  }
});
