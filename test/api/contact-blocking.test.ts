import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

const CUSTOMER = '15557654321';

interface Contact {
  id: string;
  tags: string[];
  attributes?: Record<string, unknown>;
  blocked: boolean;
  optedIn: boolean;
}
interface Conversation {
  id: string;
  messages: { direction: 'in' | 'out'; message: { text?: string } }[];
}

describe('blocking a contact through PUT /api/contacts/:id', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  const repliesTo = () => graph.delivered().filter((r) => r.body.to === CUSTOMER).length;

  it('keeps the bot silent for a blocked contact while agents still see their messages', async () => {
    expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text: 'hi', id: 'wamid.block-1', name: 'Ada' }))).status).toBe(
      200,
    );
    await eventually(async () => (repliesTo() >= 1 ? true : undefined), 10_000, 'the first reply');
    const [contact] = (await api.get<Contact[]>(`/api/contacts?address=${CUSTOMER}`)).body;

    const updated = await api.put<Contact>(`/api/contacts/${contact!.id}`, {
      tags: ['vip', 'newsletter'],
      attributes: { tier: 'gold' },
      optedIn: true,
      blocked: true,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ tags: ['vip', 'newsletter'], attributes: { tier: 'gold' }, optedIn: true, blocked: true });
    expect((await api.put(`/api/contacts/${contact!.id}`, { tags: ['a,b'] })).status).toBe(400);
    expect((await api.put(`/api/contacts/${contact!.id}`, { blocked: 'yes' })).status).toBe(400);
    expect((await api.put('/api/contacts/nobody', { blocked: true })).status).toBe(404);

    const before = repliesTo();
    for (const [text, id] of [
      ['hello?', 'wamid.block-2'],
      ['STOP', 'wamid.block-3'],
    ] as const) {
      expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text, id }))).status).toBe(200);
    }
    // The agents' view holds both messages; the bot answered neither, not even the keyword.
    const transcript = await eventually(
      async () => {
        const [summary] = (await api.get<{ id: string }[]>(`/api/conversations?contactId=${contact!.id}`)).body;
        const detail = (await api.get<Conversation>(`/api/conversations/${summary!.id}`)).body;
        const texts = detail.messages.filter((m) => m.direction === 'in').map((m) => m.message.text);
        return texts.includes('STOP') ? texts : undefined;
      },
      10_000,
      'the blocked messages in the inbox',
    );
    expect(transcript).toEqual(expect.arrayContaining(['hi', 'hello?', 'STOP']));
    expect(repliesTo()).toBe(before);

    // Unblocked, the bot answers again.
    expect((await api.put<Contact>(`/api/contacts/${contact!.id}`, { blocked: false })).body.blocked).toBe(false);
    expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text: 'back', id: 'wamid.block-4' }))).status).toBe(200);
    await eventually(async () => (repliesTo() > before ? true : undefined), 10_000, 'a reply after unblocking');
  });
});
