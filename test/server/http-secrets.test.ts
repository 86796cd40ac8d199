import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseMessage } from '../api/sse-client';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type LocalService, startLocalService } from '../support/local-service';
import { startServer, type TestServer } from '../support/start-server';
import { postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { APP_SECRET, received, text, until } from './harness';

const SHOP_KEY = 'sk_live_51Hc9XyZ-secret-value';

/** Looks an order up with the shop key in the URL, a header and the body; the shop echoes the key back. */
const keyedFlow = (id: string, url: string, secret = 'SHOP_KEY'): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: 'Keyed lookup',
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
        url: `${url}?key={{secrets.${secret}}}`,
        headers: [{ name: 'Authorization', value: `Bearer {{secrets.${secret}}}` }],
        body: `{ "order": "{{order_id}}", "key": "{{secrets.${secret}}}" }`,
        responseMapping: [
          { variable: 'state', path: 'status' },
          { variable: 'echo', path: 'echo' },
        ],
      },
    },
    { id: 'say', type: 'end', version: 1, position: { x: 0, y: 240 }, data: { text: 'Order is {{state}} (shop saw {{echo}}).' } },
    { id: 'sorry', type: 'end', version: 1, position: { x: 200, y: 240 }, data: { text: 'Sorry, no lookup now.' } },
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
const logLines: string[] = [];
beforeAll(async () => {
  shop = await startLocalService((request, res) => {
    const { key } = JSON.parse(request.body.toString() || '{}') as { key?: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'packed', echo: key }));
  });
  graph = await startFakeGraphApi();
  server = await startServer({
    env: {
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_GRAPH_URL: graph.url,
      HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${shop.port}`,
    },
    app: { examplesDir: '/nonexistent', log: { write: (line: string) => logLines.push(line), level: 'debug' } },
  });
  api = apiClient(server.url, server.adminToken);
});
afterAll(async () => {
  await server.stop();
  await graph.close();
  await shop.close();
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

async function latestConversation(): Promise<{ vars: Record<string, unknown>; lastFailure?: { reason: string } }> {
  const list = await api.get<{ id: string }[]>('/api/conversations?limit=1');
  return (await api.get<{ vars: Record<string, unknown>; lastFailure?: { reason: string } }>(`/api/conversations/${list.body[0]?.id}`))
    .body;
}

/** Every file under DATA_DIR, as raw text. */
async function rawDataDir(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => readFile(file, 'latin1')))).join('\n');
}

describe('workspace secrets', () => {
  it('are write-only: the API lists names and when they were set, never values, and audits changes by name', async () => {
    expect((await api.put('/api/secrets/shop-key', { value: SHOP_KEY })).status).toBe(400);
    expect((await api.put('/api/secrets/SHOP_KEY', { value: 'first value, replaced' })).status).toBe(201);
    const replaced = await api.put<{ name: string }>('/api/secrets/SHOP_KEY', { value: SHOP_KEY });
    expect(replaced.status).toBe(200);
    expect((await api.put('/api/secrets/OLD_KEY', { value: 'old-value-123' })).status).toBe(201);
    expect((await api.delete('/api/secrets/OLD_KEY')).status).toBe(204);
    expect((await api.delete('/api/secrets/OLD_KEY')).status).toBe(404);

    const list = await api.get<{ name: string; updatedAt: string }[]>('/api/secrets');
    expect(list.body).toEqual([{ name: 'SHOP_KEY', updatedAt: expect.any(String) }]);
    expect(JSON.stringify(list.body)).not.toContain(SHOP_KEY);
    const audit = await api.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit');
    const secretEvents = audit.body.filter((entry) => entry.type.startsWith('secret.'));
    expect(secretEvents.map((entry) => entry.type).sort()).toEqual(['secret.create', 'secret.create', 'secret.delete', 'secret.update']);
    expect(JSON.stringify(audit.body)).not.toContain(SHOP_KEY);
  });

  it('are filled into the URL, headers and body at send time and masked in what comes back', async () => {
    await publishDefault(keyedFlow('keyed', `${shop.url}/orders`));
    await post(text('wamid.sec-1', 'hi'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.sec-2', 'A-17'));
    await until(() => received(graph).length >= 2);

    const [call] = shop.requests;
    expect(call?.url).toBe(`/orders?key=${encodeURIComponent(SHOP_KEY)}`);
    expect(call?.headers.authorization).toBe(`Bearer ${SHOP_KEY}`);
    expect(JSON.parse(String(call?.body))).toEqual({ order: 'A-17', key: SHOP_KEY });
    // The shop echoed the key back: the customer and the record see its name, not its value.
    expect(received(graph)[1]).toBe('Order is packed (shop saw [secrets.SHOP_KEY]).');
    const record = await latestConversation();
    expect(record.vars).toMatchObject({ state: 'packed', echo: '[secrets.SHOP_KEY]' });
  });

  it('that are not set take the error exit with the reason, and nothing is sent', async () => {
    graph.reset();
    shop.requests.length = 0;
    await publishDefault(keyedFlow('keyed-missing', `${shop.url}/orders`, 'MISSING_KEY'));
    await post(text('wamid.sec-3', 'hi'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.sec-4', 'B-2'));
    await until(() => received(graph).length >= 2);
    expect(received(graph)[1]).toBe('Sorry, no lookup now.');
    expect(shop.requests).toHaveLength(0);
    expect((await latestConversation()).lastFailure?.reason).toBe('secret MISSING_KEY is not set');
  });

  it('are masked in the test chat', async () => {
    const said = (line: string) => (e: SseMessage) =>
      e.event === 'message' && (e.data as { message: { text?: string } }).message.text === line;
    const created = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: keyedFlow('sim', `${shop.url}/orders`) });
    expect(created.status).toBe(201);
    const sse = await openStream(server.url, `/api/simulator/sessions/${created.body.sessionId}/events`, server.adminToken);
    try {
      await sse.next(said('Order number?'));
      await api.post(`/api/simulator/sessions/${created.body.sessionId}/messages`, { message: { kind: 'text', text: 'C-3' } });
      await sse.next(said('Order is packed (shop saw [secrets.SHOP_KEY]).'));
      const state = await api.get(`/api/simulator/sessions/${created.body.sessionId}`);
      expect(JSON.stringify(state.body)).not.toContain(SHOP_KEY);
    } finally {
      sse.close();
    }
  });

  it('never reach DATA_DIR or the log in clear', async () => {
    expect(shop.requests.length).toBeGreaterThan(0);
    await until(async () => (await rawDataDir(server.dataDir)).includes('SHOP_KEY'));
    expect(await rawDataDir(server.dataDir)).not.toContain(SHOP_KEY);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(SHOP_KEY);
  });
});
