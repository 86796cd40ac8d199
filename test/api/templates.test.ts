import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import type { FakeTemplate } from '../support/fake-graph-templates';
import { startServer, type TestServer } from '../support/start-server';
import { WABA_ID } from '../support/whatsapp-webhooks';
import { APP_SECRET, type ApiClient, apiClient, postWebhook } from './api-client';

const CHANNEL_WABA = '777000111222333';
const body = (text: string) => ({ type: 'BODY', text });
const template = (id: string, name: string, status = 'APPROVED', text = 'Hello {{1}}'): FakeTemplate => ({
  id,
  name,
  language: 'en_US',
  status,
  category: 'UTILITY',
  components: [body(text)],
});

interface Listed {
  wabaId: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: unknown[];
}

describe('templates API', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    graph.templates.byAccount.set(WABA_ID, [
      template('1001', 'order_shipped', 'APPROVED', 'Hi {{1}}, order {{2}} shipped'),
      template('1002', 'cart_reminder', 'PENDING', 'Hi {{first_name}}, your cart is waiting'),
      template('1003', 'welcome_back'),
      template('1004', 'receipt'),
      template('1005', 'survey', 'REJECTED'),
    ]);
    graph.templates.byAccount.set(CHANNEL_WABA, [template('2001', 'channel_hello')]);
    server = await startServer({
      env: {
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
      },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it("syncs every page of the environment's and the channels' accounts", async () => {
    const channel = await api.post('/api/channels', {
      phoneNumberId: '5550002222',
      accessToken: 'EAAG-channel-token-1',
      wabaId: CHANNEL_WABA,
    });
    expect(channel.status).toBe(201);
    const synced = await api.post<{ synced: number }>('/api/templates/sync', {});
    expect(synced.status).toBe(200);
    expect(synced.body.synced).toBe(6);
    expect(graph.templates.pages.filter((p) => p.wabaId === WABA_ID)).toHaveLength(3);

    const listed = await api.get<Listed[]>('/api/templates');
    expect(listed.body.map((t) => `${t.wabaId}:${t.name}:${t.status}`).sort()).toEqual(
      [
        `${CHANNEL_WABA}:channel_hello:APPROVED`,
        `${WABA_ID}:cart_reminder:PENDING`,
        `${WABA_ID}:order_shipped:APPROVED`,
        `${WABA_ID}:receipt:APPROVED`,
        `${WABA_ID}:survey:REJECTED`,
        `${WABA_ID}:welcome_back:APPROVED`,
      ].sort(),
    );
    expect(listed.body.find((t) => t.name === 'order_shipped')).toMatchObject({
      language: 'en_US',
      category: 'UTILITY',
      components: [body('Hi {{1}}, order {{2}} shipped')],
    });
  });

  it('keeps a status current from the message_template_status_update webhook', async () => {
    const update = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          time: 1_700_000_000,
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'APPROVED',
                message_template_id: 1002,
                message_template_name: 'cart_reminder',
                message_template_language: 'en_US',
                reason: 'NONE',
              },
            },
          ],
        },
      ],
    };
    expect((await postWebhook(server.url, update, 'not-the-app-secret-0000')).status).toBe(401);
    expect((await postWebhook(server.url, update)).status).toBe(200);
    const listed = await api.get<Listed[]>('/api/templates');
    expect(listed.body.find((t) => t.name === 'cart_reminder')?.status).toBe('APPROVED');
  });

  it('submits a template for approval and lists it as pending', async () => {
    const submitted = await api.post<Listed>('/api/templates', {
      name: 'delivery_window',
      language: 'en_US',
      category: 'UTILITY',
      components: [body('Your delivery arrives {{1}}')],
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ wabaId: WABA_ID, name: 'delivery_window', status: 'PENDING' });
    expect(graph.templates.submissions).toEqual([
      expect.objectContaining({
        wabaId: WABA_ID,
        authorization: 'Bearer global-access-token-123',
        body: { name: 'delivery_window', language: 'en_US', category: 'UTILITY', components: [body('Your delivery arrives {{1}}')] },
      }),
    ]);
    expect((await api.get<Listed[]>('/api/templates')).body.map((t) => t.name)).toContain('delivery_window');
    const invalid = await api.post('/api/templates', { name: 'Not Valid', language: 'en_US', category: 'UTILITY', components: [] });
    expect(invalid.status).toBe(400);
  });

  it('refuses to publish a flow whose template is not approved or is given the wrong number of parameters', async () => {
    const flow = (params: string[], name = 'order_shipped') => ({
      schemaVersion: 1,
      id: 'shipping',
      name: 'Shipping',
      start: 'hi',
      settings: { outsideWindowTemplate: { name, language: 'en_US', params } },
      nodes: [{ id: 'hi', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Shipped!' } }],
      edges: [],
    });
    type Refusal = { error: { problems: { code: string; field: string; message: string }[] } };
    expect((await api.post('/api/flows', { document: flow(['{{contact.name}}']) })).status).toBe(201);
    const tooFew = await api.post<Refusal>('/api/flows/shipping/publish');
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.error.problems).toContainEqual({
      severity: 'error',
      code: 'template-parameters',
      field: 'settings.outsideWindowTemplate',
      message: 'template "order_shipped" takes 2 parameter(s); 1 given in params',
    });
    await api.put('/api/flows/shipping', { draft: flow([], 'survey') });
    const rejected = await api.post<Refusal>('/api/flows/shipping/publish');
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.problems).toContainEqual(
      expect.objectContaining({
        code: 'template-not-approved',
        message: 'template "survey" is rejected; only an approved template can be sent',
      }),
    );

    await api.put('/api/flows/shipping', { draft: flow(['{{contact.name}}', '{{order_id}}']) });
    expect((await api.post('/api/flows/shipping/publish')).status).toBe(201);
  });
});
