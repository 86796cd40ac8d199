import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import type { FakeTemplate } from '../support/fake-graph-templates';
import { startServer, type TestServer } from '../support/start-server';
import { inboundWebhook, WABA_ID } from '../support/whatsapp-webhooks';
import { APP_SECRET, type ApiClient, apiClient, eventually, PHONE_NUMBER_ID, postWebhook } from './api-client';

const CUSTOMER = '15550001111';
const at = { x: 0, y: 0 };

const synced: FakeTemplate[] = [
  {
    id: '3001',
    name: 'order_update',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Hi {{1}}, order {{2}} is on its way' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Track it', url: 'https://shop.example/track/{{1}}' },
          { type: 'QUICK_REPLY', text: 'Talk to us' },
          { type: 'QUICK_REPLY', text: 'All good' },
        ],
      },
    ],
  },
  {
    id: '3002',
    name: 'thanks_named',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Thanks {{first_name}}! How was order {{order_ref}}?' },
    ],
  },
  {
    id: '3003',
    name: 'spring_sale',
    language: 'en_US',
    status: 'PENDING',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Sale!' }],
  },
];

/** Asks for a photo of the parcel, then sends the order update with it as the header; "All good" thanks by a named template. */
const orderFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'order-updates',
  name: 'Order updates',
  start: 'order',
  nodes: [
    { id: 'order', type: 'set-variable', version: 1, position: at, data: { assignments: [{ name: 'order_id', value: 'A-1042' }] } },
    {
      id: 'ask',
      type: 'question',
      version: 1,
      position: at,
      data: { text: 'Send a photo of the parcel', variable: 'photo', answerType: 'media', mediaTypes: ['image'] },
    },
    {
      id: 'notify',
      type: 'message',
      version: 1,
      position: at,
      data: {
        messages: [
          {
            type: 'template',
            template: {
              name: 'order_update',
              language: 'en_US',
              params: ['{{contact.name}}', '{{order_id}}'],
              header: { type: 'image', media: '{{photo}}' },
              buttons: [
                { index: 0, type: 'url', text: '{{order_id}}' },
                { index: 1, type: 'quick_reply', id: 'agent', label: 'Talk to us' },
                { index: 2, type: 'quick_reply', id: 'fine', label: 'All good' },
              ],
            },
          },
        ],
      },
    },
    { id: 'agent', type: 'message', version: 1, position: at, data: { text: 'Someone will call you.' } },
    {
      id: 'thanks',
      type: 'message',
      version: 1,
      position: at,
      data: {
        messages: [
          {
            type: 'template',
            template: {
              name: 'thanks_named',
              language: 'en_US',
              namedParams: { order_ref: '{{order_id}}', first_name: '{{contact.name}}' },
              header: { type: 'image', url: 'https://cdn.example.com/orders/{{order_id}}.png' },
            },
          },
        ],
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'order', sourceHandle: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceHandle: 'next', target: 'notify' },
    { id: 'e3', source: 'notify', sourceHandle: 'agent', target: 'agent' },
    { id: 'e4', source: 'notify', sourceHandle: 'fine', target: 'thanks' },
  ],
};

type Refusal = { error: { problems: { code: string; nodeId?: string; field: string; message: string }[] } };

describe('template messages in flows, through the whole server', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  let sequence = 0;
  const post = (message: Record<string, unknown>) => {
    sequence += 1;
    return postWebhook(
      server.url,
      inboundWebhook({ id: `wamid.tpl-${sequence}`, from: CUSTOMER, phoneNumberId: PHONE_NUMBER_ID, name: 'Ada Lovelace', message }),
    );
  };
  const templates = () => graph.delivered().filter((r) => r.body.to === CUSTOMER && r.body.type === 'template');
  const texts = () =>
    graph.delivered().flatMap((r) => (r.body.to === CUSTOMER && r.body.type === 'text' ? [(r.body.text as { body: string }).body] : []));

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    graph.templates.byAccount.set(WABA_ID, synced);
    server = await startServer({
      env: {
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
      },
    });
    api = apiClient(server.url, server.adminToken);
    expect((await api.post('/api/templates/sync')).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('refuses to publish a template item that is unknown, not approved or given the wrong parameters, naming node and field', async () => {
    const item = (template: Record<string, unknown>): FlowDocument => ({
      ...orderFlow,
      id: 'broken-templates',
      nodes: orderFlow.nodes.map((node) =>
        node.id === 'thanks' ? { ...node, data: { messages: [{ type: 'template', template: { language: 'en_US', ...template } }] } } : node,
      ),
    });
    expect((await api.post('/api/flows', { document: item({ name: 'no_such_template' }) })).status).toBe(201);
    const unknown = await api.post<Refusal>('/api/flows/broken-templates/publish');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.problems).toContainEqual({
      severity: 'error',
      code: 'template-unknown',
      nodeId: 'thanks',
      field: 'data.messages[0].template',
      message: 'template "no_such_template" (en_US) is not among the synced templates',
    });

    await api.put('/api/flows/broken-templates', { draft: item({ name: 'spring_sale' }) });
    const pending = await api.post<Refusal>('/api/flows/broken-templates/publish');
    expect(pending.status).toBe(422);
    expect(pending.body.error.problems).toContainEqual(
      expect.objectContaining({ code: 'template-not-approved', nodeId: 'thanks', field: 'data.messages[0].template' }),
    );

    await api.put('/api/flows/broken-templates', {
      draft: item({
        name: 'thanks_named',
        namedParams: { first_name: '{{contact.name}}' },
        header: { type: 'image', url: 'https://x.example/a.png' },
      }),
    });
    const missing = await api.post<Refusal>('/api/flows/broken-templates/publish');
    expect(missing.status).toBe(422);
    expect(missing.body.error.problems).toContainEqual({
      severity: 'error',
      code: 'template-parameters',
      nodeId: 'thanks',
      field: 'data.messages[0].template.namedParams',
      message: 'template "thanks_named" takes the named parameters first_name, order_ref; missing order_ref',
    });

    await api.put('/api/flows/broken-templates', { draft: item({ name: 'order_update', params: ['{{contact.name}}'] }) });
    const few = await api.post<Refusal>('/api/flows/broken-templates/publish');
    expect(few.status).toBe(422);
    expect(few.body.error.problems.map((p) => `${p.nodeId} ${p.field}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'thanks data.messages[0].template.params: template "order_update" takes 2 body parameter(s); 1 given',
        'thanks data.messages[0].template.header: template "order_update" has an image header; give it a media URL or variable',
        'thanks data.messages[0].template.buttons: template "order_update": the URL button "Track it" needs its suffix (position 0)',
      ]),
    );
  });

  it("sends the contact's values positionally and by name, with header media, and a quick-reply tap takes its exit", async () => {
    const imported = await api.post<{ id: string }>('/api/flows/import', orderFlow);
    expect((await api.post(`/api/flows/${imported.body.id}/publish`)).status).toBe(201);
    expect((await api.post(`/api/flows/${imported.body.id}/default`)).status).toBe(204);

    expect((await post({ type: 'text', text: { body: 'hi' } })).status).toBe(200);
    await eventually(async () => (texts().includes('Send a photo of the parcel') ? true : undefined), 10_000, 'the question');
    const photo = graph.media.add(Buffer.from(`\xff\xd8\xff\xe0${'parcel photo '.repeat(200)}`, 'latin1'), 'image/jpeg');
    expect((await post({ type: 'image', image: { id: photo, mime_type: 'image/jpeg' } })).status).toBe(200);

    const [update] = await eventually(async () => (templates().length === 1 ? templates() : undefined), 10_000, 'the order update');
    // The customer's photo was uploaded to WhatsApp once and goes out by the id the upload gave.
    expect(graph.media.uploads).toHaveLength(1);
    expect(update?.body.template).toEqual({
      name: 'order_update',
      language: { policy: 'deterministic', code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { id: graph.media.uploads[0]?.id } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ada Lovelace' },
            { type: 'text', text: 'A-1042' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-1042' }] },
        { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'agent' }] },
        { type: 'button', sub_type: 'quick_reply', index: '2', parameters: [{ type: 'payload', payload: 'fine' }] },
      ],
    });

    // The customer taps "All good": WhatsApp brings back the payload the send set.
    expect((await post({ type: 'button', button: { payload: 'fine', text: 'All good' } })).status).toBe(200);
    const thanks = await eventually(async () => (templates().length === 2 ? templates()[1] : undefined), 10_000, 'the thanks');
    expect(thanks?.body.template).toEqual({
      name: 'thanks_named',
      language: { policy: 'deterministic', code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/orders/A-1042.png' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'order_ref', text: 'A-1042' },
            { type: 'text', parameter_name: 'first_name', text: 'Ada Lovelace' },
          ],
        },
      ],
    });
    expect(texts()).not.toContain('Someone will call you.');
    // Every send passed the fake Graph API's check against Meta's published request schema.
    expect(graph.requests.filter((r) => r.kind === 'send' && !('wamid' in r.answer))).toEqual([]);
  });
});
