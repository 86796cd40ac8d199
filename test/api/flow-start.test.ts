import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { WABA_ID } from '../support/whatsapp-webhooks';
import {
  APP_SECRET,
  type ApiAnswer,
  type ApiClient,
  apiClient,
  eventually,
  PHONE_NUMBER_ID,
  postWebhook,
  whatsappText,
} from './api-client';

const at = { x: 0, y: 0 };
/** "Your order shipped": the shop's backend starts it; the customer's answer continues it. */
const shipped: FlowDocument = {
  schemaVersion: 1,
  id: 'shipped',
  name: 'Order shipped',
  start: 'note',
  settings: { outsideWindowTemplate: { name: 'order_shipped', language: 'en_US', params: ['{{order_id}}'] } },
  nodes: [
    { id: 'note', type: 'message', version: 1, position: at, data: { text: 'Order {{order_id}} is on its way.' } },
    { id: 'ask', type: 'question', version: 1, position: at, data: { text: 'How did we do?', variable: 'rating' } },
    { id: 'thanks', type: 'message', version: 1, position: at, data: { text: 'Thanks for "{{rating}}" on {{order_id}}.' } },
  ],
  edges: [
    { id: 'e1', source: 'note', sourceHandle: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceHandle: 'next', target: 'thanks' },
  ],
};
const plain: FlowDocument = {
  schemaVersion: 1,
  id: 'plain',
  name: 'No template',
  start: 'hello',
  nodes: [{ id: 'hello', type: 'message', version: 1, position: at, data: { text: 'Hello there.' } }],
  edges: [],
};

interface Started {
  id: string;
  opensWith: 'flow' | 'template';
  template?: { name: string };
}
interface Sent {
  to: string;
  type: string;
  text?: { body: string };
  template?: { name: string; components?: { parameters: { text: string }[] }[] };
}

describe('POST /api/flows/:id/start', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  let dataDir: string;
  const env = () => ({
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
  });
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    const body = (text: string) => [{ type: 'BODY', text }];
    graph.templates.byAccount.set(WABA_ID, [
      {
        id: '1',
        name: 'order_shipped',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: body('Order {{1}} shipped'),
      },
      { id: '2', name: 'promo', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: body('Sale!') },
    ]);
    dataDir = await mkdtemp(join(tmpdir(), 'chatflow-start-'));
    server = await startServer({ dataDir, env: env() });
    api = apiClient(server.url, server.adminToken);
    expect((await api.post('/api/channels', { phoneNumberId: PHONE_NUMBER_ID, accessToken: 'channel-token-123' })).status).toBe(201);
    expect((await api.post('/api/templates/sync')).status).toBe(200);
    for (const document of [shipped, plain]) {
      expect((await api.post('/api/flows', { document })).status).toBe(201);
      expect((await api.post(`/api/flows/${document.id}/publish`)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const sentTo = (to: string) =>
    graph
      .delivered()
      .map((r) => r.body as unknown as Sent)
      .filter((b) => b.to === to);
  const start = async (flowId: string, key: string | undefined, body: unknown): Promise<ApiAnswer<Started>> => {
    const response = await fetch(`${server.url}/api/flows/${flowId}/start`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as Started, text };
  };

  it('opens with the template outside the window, once per key, across a restart, and the reply continues the flow', async () => {
    const customer = '15550001111';
    const request = { to: '+1 555 000 1111', variables: { order_id: 'A-17' } };
    expect((await start('shipped', undefined, request)).status).toBe(400);
    const first = await start('shipped', 'order-A-17-shipped', request);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ opensWith: 'template', template: { name: 'order_shipped' } });
    const again = await start('shipped', 'order-A-17-shipped', request);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await start('shipped', 'order-A-17-shipped', { ...request, variables: { order_id: 'B-1' } })).status).toBe(422);

    const [template] = await eventually(async () => (sentTo(customer).length ? sentTo(customer) : undefined), 10_000, 'the template');
    expect(template).toMatchObject({ type: 'template', template: { name: 'order_shipped' } });
    expect(template?.template?.components?.[0]?.parameters[0]?.text).toBe('A-17');

    // The key is kept with the data: after a restart the same call answers the same and sends nothing.
    await server.stop();
    server = await startServer({ dataDir, env: env() });
    api = apiClient(server.url, server.adminToken);
    const afterRestart = await start('shipped', 'order-A-17-shipped', request);
    expect([afterRestart.status, afterRestart.body]).toEqual([200, first.body]);

    expect((await postWebhook(server.url, whatsappText({ from: customer, text: 'Great service', id: 'wamid.start-reply' }))).status).toBe(
      200,
    );
    const thanks = await eventually(async () => sentTo(customer).find((b) => b.type === 'text'), 10_000, 'the flow going on');
    expect(thanks.text?.body).toBe('Thanks for "Great service" on A-17.');
    expect(sentTo(customer).filter((b) => b.type === 'template')).toHaveLength(1);
  });

  it('starts once when two calls with one key arrive at the same time', async () => {
    const customer = '15550006666';
    const request = { to: customer, variables: { order_id: 'D-4' } };
    const answers = await Promise.all([start('shipped', 'order-D-4', request), start('shipped', 'order-D-4', request)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    expect(answers[0]?.body).toEqual(answers[1]?.body);
    await eventually(async () => (sentTo(customer).length ? true : undefined), 10_000, 'the template');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(customer).map((b) => b.type)).toEqual(['template']);
  });

  it("sends the flow's own messages inside the window, replacing the conversation that was running", async () => {
    const customer = '15550002222';
    expect((await postWebhook(server.url, whatsappText({ from: customer, text: 'hi', id: 'wamid.start-inside', name: 'Bo' }))).status).toBe(
      200,
    );
    await eventually(async () => (sentTo(customer).length ? true : undefined), 10_000, 'the default flow answering');
    const started = await start('shipped', 'order-B-2', { to: customer, variables: { order_id: 'B-2' } });
    expect([started.status, started.body.opensWith]).toEqual([202, 'flow']);
    const texts = await eventually(
      async () => {
        const all = sentTo(customer).map((b) => b.text?.body);
        return all.includes('How did we do?') ? all : undefined;
      },
      10_000,
      'the flow messages',
    );
    expect(texts.filter((t) => t?.includes('B-2') || t === 'How did we do?')).toEqual(['Order B-2 is on its way.', 'How did we do?']);
    expect(sentTo(customer).some((b) => b.type === 'template')).toBe(false);
  });

  it('refuses what cannot be sent: no template outside the window, an unapproved template, blocked and opted-out contacts', async () => {
    expect((await start('plain', 'plain-1', { to: '15550003333' })).status).toBe(422);
    const unapproved = await start('plain', 'plain-2', { to: '15550003333', template: { name: 'promo', language: 'en_US' } });
    expect([unapproved.status, unapproved.text]).toEqual([422, expect.stringContaining('pending')]);
    expect((await start('plain', 'plain-3', { to: 'not a number' })).status).toBe(400);
    expect((await start('nope', 'plain-4', { to: '15550003333' })).status).toBe(404);
    const openapi = (
      await api.get<{ paths: Record<string, { post: { parameters: { name: string; in: string; required: boolean }[] } }> }>(
        '/api/openapi.json',
      )
    ).body;
    expect(openapi.paths['/api/flows/{id}/start']?.post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );

    for (const [customer, change, word] of [
      ['15550004444', { blocked: true }, 'blocked'],
      ['15550005555', { optedIn: false }, 'opted out'],
    ] as const) {
      await postWebhook(server.url, whatsappText({ from: customer, text: word === 'opted out' ? 'STOP' : 'hi', id: `wamid.${customer}` }));
      const [contact] = await eventually(async () => {
        const found = (await api.get<{ id: string; optedOut: boolean }[]>(`/api/contacts?address=${customer}`)).body;
        return found.length && (word !== 'opted out' || found[0]?.optedOut) ? found : undefined;
      });
      await api.put(`/api/contacts/${contact!.id}`, change);
      const refused = await start('shipped', `refused-${customer}`, { to: customer, variables: { order_id: 'C' } });
      expect([refused.status, refused.text]).toEqual([409, expect.stringContaining(word)]);
    }
  });
});
