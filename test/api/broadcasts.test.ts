import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, type GraphRequest, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { inboundWebhook, WABA_ID, webhookEnvelope } from '../support/whatsapp-webhooks';
import { APP_SECRET, type ApiClient, apiClient, eventually, PHONE_NUMBER_ID, postWebhook, whatsappText } from './api-client';

interface Broadcast {
  id: string;
  status: string;
  counts: Record<'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped' | 'replied', number>;
}
interface Recipient {
  contactId: string;
  name?: string;
  status: string;
  error?: { code?: number; reason: string };
}

const customers = [
  { address: '15550001001', name: 'Ada', tags: ['spring'], optedIn: true },
  { address: '15550001002', name: 'Ben', tags: ['spring', 'vip'], optedIn: true },
  { address: '15550001003', name: 'Cleo', tags: ['spring'], optedIn: true },
  { address: '15550001004', name: 'Dev', tags: ['spring'], optedIn: true },
  { address: '15550001005', name: 'Eve', tags: ['spring'], optedIn: true },
  { address: '15550001006', name: 'Finn', tags: ['spring'], optedIn: true },
  { address: '15550001007', name: 'Gus', tags: ['spring'], optedIn: true, blocked: true },
  { address: '15550001008', name: 'Hana', tags: ['spring'], optedIn: false },
  { address: '15550001009', name: 'Ivo', tags: ['autumn'], optedIn: true },
];
const reachable = customers.filter((c) => c.tags.includes('spring') && c.optedIn && !c.blocked);

const saleFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'spring-sale',
  name: 'Spring sale',
  start: 'offer',
  nodes: [
    { id: 'offer', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Great, {{contact.name}}! Here is the sale.' } },
  ],
  edges: [],
};

const templateSends = (graph: FakeGraphApi, name: string): GraphRequest[] =>
  graph.delivered().filter((r) => (r.body.template as { name?: string } | undefined)?.name === name);
const paramOf = (request: GraphRequest) =>
  (request.body.template as { components: { parameters: { text: string }[] }[] }).components[0]?.parameters[0]?.text;

describe('broadcasts through the real server', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  const contactIds = new Map<string, string>();

  const done = (id: string) =>
    eventually(
      async () => {
        const broadcast = (await api.get<Broadcast>(`/api/broadcasts/${id}`)).body;
        return broadcast.status === 'done' ? broadcast : undefined;
      },
      20_000,
      `broadcast ${id} done`,
    );
  const status = (request: GraphRequest, kind: string, errors?: unknown[]) =>
    postWebhook(
      server.url,
      webhookEnvelope(PHONE_NUMBER_ID, {
        statuses: [
          {
            id: (request.answer as { wamid: string }).wamid,
            status: kind,
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: request.body.to,
            biz_opaque_callback_data: request.body.biz_opaque_callback_data,
            ...(errors ? { errors } : {}),
          },
        ],
      }),
    );

  beforeAll(async () => {
    graph = await startFakeGraphApi();
    graph.templates.byAccount.set(WABA_ID, [
      {
        id: '3001',
        name: 'spring_sale',
        language: 'en_US',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Hi {{1}}, our spring sale starts today' }],
      },
      {
        id: '3003',
        name: 'named_hello',
        language: 'en_US',
        status: 'APPROVED',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Hello {{first_name}}' }],
      },
      {
        id: '3002',
        name: 'draft_promo',
        language: 'en_US',
        status: 'PENDING',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Soon' }],
      },
    ]);
    server = await startServer({
      env: {
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
      },
      app: { exampleCatalog: false, broadcasts: { pollMs: 50, statusWaitMs: 300, throttleBackoffMs: 100 } },
    });
    api = apiClient(server.url, server.adminToken);
    for (const [i, c] of customers.entries()) {
      expect(
        (await postWebhook(server.url, whatsappText({ from: c.address, text: 'hi', id: `wamid.bc-hi-${i}`, name: c.name }))).status,
      ).toBe(200);
    }
    for (const c of customers) {
      const [contact] = await eventually(
        async () => {
          const found = (await api.get<{ id: string }[]>(`/api/contacts?address=${c.address}`)).body;
          return found.length > 0 ? found : undefined;
        },
        10_000,
        `contact ${c.name}`,
      );
      contactIds.set(c.address, contact!.id);
      const put = await api.put(`/api/contacts/${contact!.id}`, { tags: c.tags, optedIn: c.optedIn, blocked: c.blocked ?? false });
      expect(put.status).toBe(200);
    }
    expect((await api.post('/api/flows/import', saleFlow)).status).toBe(201);
    expect((await api.post(`/api/flows/${saleFlow.id}/publish`)).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
  });

  it('refuses a template that is not synced, not approved or given the wrong parameters', async () => {
    const input = {
      name: 'Spring',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['spring'] },
    };
    expect((await api.post('/api/broadcasts', input)).status).toBe(422);
    expect((await api.post<{ synced: number }>('/api/templates/sync', {})).body.synced).toBe(3);
    const pending = await api.post<{ error: { message: string } }>('/api/broadcasts', {
      ...input,
      template: { name: 'draft_promo', language: 'en_US' },
    });
    expect(pending.status).toBe(422);
    expect(pending.body.error.message).toContain('pending');
    expect((await api.post('/api/broadcasts', { ...input, template: { ...input.template, params: [] } })).status).toBe(422);
    expect((await api.post('/api/broadcasts', { ...input, ratePerSecond: 5000 })).status).toBe(400);
    expect((await api.post('/api/broadcasts', { ...input, flowId: 'no-such-flow' })).status).toBe(422);
  });

  it('reaches every opted-in, unblocked contact of the tag exactly once, with their own name, paced to the rate asked', async () => {
    const size = await api.post<{ contacts: number; reachable: number }>('/api/broadcasts/audience', { tags: ['spring'] });
    expect(size.body).toEqual({ contacts: 8, reachable: reachable.length });

    const rate = 4;
    const created = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Spring sale',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['spring'] },
      flowId: saleFlow.id,
      ratePerSecond: rate,
    });
    expect(created.status).toBe(201);
    const finished = await done(created.body.id);
    expect(finished.counts).toMatchObject({ queued: 0, sent: reachable.length, failed: 0, skipped: 2 });

    const sends = templateSends(graph, 'spring_sale');
    expect(sends.map((r) => r.body.to).sort()).toEqual(reachable.map((c) => c.address).sort());
    for (const c of reachable) expect(sends.filter((r) => r.body.to === c.address).map(paramOf)).toEqual([c.name]);
    // Six sends at 4 a second are five gaps of 250 ms; a loaded machine only makes them later.
    const span = (sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0);
    expect(span).toBeGreaterThanOrEqual(((reachable.length - 2) * 1000) / rate);

    const recipients = (await api.get<Recipient[]>(`/api/broadcasts/${created.body.id}/recipients`)).body;
    const byAddress = (address: string) => recipients.find((r) => r.contactId === contactIds.get(address));
    expect(byAddress('15550001001')).toMatchObject({ name: 'Ada', status: 'sent' });
    expect(byAddress('15550001007')).toMatchObject({ name: 'Gus', status: 'skipped', error: { reason: 'blocked' } });
    expect(byAddress('15550001008')).toMatchObject({ status: 'skipped', error: { reason: 'not opted in' } });
    expect(byAddress('15550001009')).toBeUndefined();

    // Meta's statuses move the counts: delivered, read, and a per-user refusal that arrives late.
    const [first, second, third] = sends as [GraphRequest, GraphRequest, GraphRequest];
    expect((await status(first, 'delivered')).status).toBe(200);
    expect((await status(second, 'read')).status).toBe(200);
    const refusal = { code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' };
    expect((await status(third, 'failed', [refusal])).status).toBe(200);
    const counted = (await api.get<Broadcast>(`/api/broadcasts/${created.body.id}`)).body.counts;
    expect(counted).toMatchObject({ sent: reachable.length - 1, delivered: 2, read: 1, failed: 1 });
    const failed = (await api.get<Recipient[]>(`/api/broadcasts/${created.body.id}/recipients?status=failed`)).body;
    expect(failed).toEqual([
      expect.objectContaining({ contactId: contactIds.get(String(third.body.to)), error: expect.objectContaining({ code: 131049 }) }),
    ]);

    // A reply (the template's quick-reply button) starts the flow the broadcast names.
    const ada = '15550001001';
    const button = { type: 'button', button: { payload: 'interested', text: 'Interested' }, context: { id: 'wamid.any' } };
    expect(
      (
        await postWebhook(
          server.url,
          inboundWebhook({ id: 'wamid.bc-reply-1', from: ada, phoneNumberId: PHONE_NUMBER_ID, name: 'Ada', message: button }),
        )
      ).status,
    ).toBe(200);
    await eventually(
      async () =>
        graph
          .delivered()
          .some((r) => r.body.to === ada && (r.body.text as { body?: string } | undefined)?.body === 'Great, Ada! Here is the sale.')
          ? true
          : undefined,
      10_000,
      "the sale flow's answer",
    );
    expect((await api.get<Broadcast>(`/api/broadcasts/${created.body.id}`)).body.counts.replied).toBe(1);
  }, 60_000);

  it('backs off on throughput errors, records per-user refusals, and sends nothing after a cancel', async () => {
    graph.failNext(3, 'throughput');
    const created = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Retry',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['vip', 'autumn'] },
      ratePerSecond: 50,
    });
    const finished = await done(created.body.id);
    expect(finished.counts).toMatchObject({ sent: 2, failed: 0, queued: 0 });
    const sends = templateSends(graph, 'spring_sale').filter((r) => ['15550001002', '15550001009'].includes(String(r.body.to)));
    expect(sends.map((r) => r.body.to).sort()).toEqual(['15550001002', '15550001002', '15550001009']);

    graph.failNext(1, {
      httpStatus: 400,
      code: 131049,
      message: '(#131049) This message was not delivered to maintain healthy ecosystem engagement.',
    });
    const refused = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Refused',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['autumn'] },
    });
    expect((await done(refused.body.id)).counts).toMatchObject({ sent: 0, failed: 1 });
    const [outcome] = (await api.get<Recipient[]>(`/api/broadcasts/${refused.body.id}/recipients`)).body;
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 131049 } });

    // A saved segment as the audience: spring contacts who are also vip.
    const segment = await api.post<{ id: string }>('/api/segments', { name: 'Spring VIPs', rules: { tags: { all: ['spring', 'vip'] } } });
    expect(segment.status).toBe(201);
    expect((await api.post('/api/broadcasts/audience', { segment: 'no-such-segment' })).status).toBe(422);
    expect((await api.post('/api/broadcasts/audience', { segment: segment.body.id })).body).toEqual({ contacts: 1, reachable: 1 });
    const toSegment = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Segment',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { segment: segment.body.id },
    });
    expect((await done(toSegment.body.id)).counts).toMatchObject({ sent: 1 });
    expect(templateSends(graph, 'spring_sale').at(-1)?.body.to).toBe('15550001002');

    // A template with named parameters takes them by name.
    expect(
      (
        await api.post('/api/broadcasts', {
          name: 'Named',
          template: { name: 'named_hello', language: 'en_US', params: ['x'] },
          audience: { tags: ['autumn'] },
        })
      ).status,
    ).toBe(422);
    const named = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Named',
      template: { name: 'named_hello', language: 'en_US', params: { first_name: '{{contact.name}}' } },
      audience: { tags: ['autumn'] },
    });
    expect((await done(named.body.id)).counts).toMatchObject({ sent: 1 });
    expect(templateSends(graph, 'named_hello').map((r) => r.body.template)).toEqual([
      expect.objectContaining({
        components: [{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ivo' }] }],
      }),
    ]);

    const before = templateSends(graph, 'spring_sale').length;
    const later = await api.post<{ id: string }>('/api/broadcasts', {
      name: 'Later',
      template: { name: 'spring_sale', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['spring'] },
      startAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    });
    expect((await api.get<Broadcast>(`/api/broadcasts/${later.body.id}`)).body.status).toBe('scheduled');
    const cancelled = await api.post<Broadcast>(`/api/broadcasts/${later.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await api.post(`/api/broadcasts/${later.body.id}/cancel`)).status).toBe(409);
    expect(templateSends(graph, 'spring_sale').length).toBe(before);
    const listed = (await api.get<{ id: string; status: string }[]>('/api/broadcasts')).body;
    expect(listed[0]).toMatchObject({ id: later.body.id, status: 'cancelled' });
  }, 60_000);
});
