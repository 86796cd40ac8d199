import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

interface Contact {
  id: string;
  name?: string;
  tags: string[];
}
interface Segment {
  id: string;
  name: string;
}
interface SegmentContacts {
  count: number;
  contacts: Contact[];
}

const PEOPLE = [
  { from: '15550000001', name: 'Ada', tags: ['vip', 'de'], attributes: { tier: 'gold' }, optedIn: true },
  { from: '15550000002', name: 'Bo', tags: ['vip'], attributes: { tier: 'silver' }, optedIn: true },
  { from: '15550000003', name: 'Cy', tags: ['de'], attributes: { tier: 'gold' }, optedIn: false },
  { from: '15550000004', name: 'Di', tags: [], attributes: {}, optedIn: true },
];

describe('segments by tag, attribute, last contact and opt-in', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
    });
    api = apiClient(server.url, server.adminToken);
    for (const [i, person] of PEOPLE.entries()) {
      await postWebhook(server.url, whatsappText({ from: person.from, text: 'hi', id: `wamid.seg-${i}`, name: person.name }));
    }
    for (const person of PEOPLE) {
      const [contact] = await eventually(async () => {
        const found = (await api.get<Contact[]>(`/api/contacts?address=${person.from}`)).body;
        return found.length ? found : undefined;
      });
      const { tags, attributes, optedIn } = person;
      expect((await api.put(`/api/contacts/${contact!.id}`, { tags, attributes, optedIn })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  const namesIn = async (id: string) => {
    const answer = await api.get<SegmentContacts>(`/api/segments/${id}/contacts`);
    expect(answer.status).toBe(200);
    return { count: answer.body.count, names: answer.body.contacts.map((c) => c.name).sort() };
  };

  it('creates, lists, resolves, changes and deletes a segment', async () => {
    const created = await api.post<Segment>('/api/segments', {
      name: 'German VIPs',
      rules: { tags: { all: ['vip', 'de'] }, optedIn: true },
    });
    expect(created.status).toBe(201);
    expect(await namesIn(created.body.id)).toEqual({ count: 1, names: ['Ada'] });
    expect((await api.post('/api/segments', { name: 'German VIPs', rules: {} })).status).toBe(409);
    expect((await api.get<Segment[]>('/api/segments')).body.map((s) => s.name)).toEqual(['German VIPs']);

    const changed = await api.put<Segment>(`/api/segments/${created.body.id}`, {
      name: 'Gold, not VIP',
      rules: { attributes: { tier: 'gold' }, tags: { none: ['vip'] } },
    });
    expect(changed.status).toBe(200);
    expect(await namesIn(created.body.id)).toEqual({ count: 1, names: ['Cy'] });

    expect((await api.delete(`/api/segments/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/segments/${created.body.id}/contacts`)).status).toBe(404);
  });

  it('counts by last contact, by any tag and by attribute list before saving, and pages', async () => {
    const preview = (rules: unknown) => api.post<SegmentContacts>('/api/segments/preview', { rules });
    expect((await preview({ withinDays: 1 })).body.count).toBe(4);
    expect((await preview({ lastContactBefore: new Date(Date.now() - 60_000 * 60).toISOString() })).body.count).toBe(0);
    expect((await preview({ lastContactAfter: new Date(Date.now() + 60_000 * 60).toISOString() })).body.count).toBe(0);
    expect((await preview({ tags: { any: ['vip', 'de'] }, optedIn: true })).body.count).toBe(2);
    expect((await preview({ attributes: { tier: ['gold', 'silver'] } })).body.count).toBe(3);
    expect((await preview({ optedIn: false })).body.contacts.map((c) => c.name)).toEqual(['Cy']);
    expect((await preview({ tags: { any: ['a,b'] } })).status).toBe(400);
    expect((await preview({ withinDays: 'soon' })).status).toBe(400);

    const all = (await api.post<Segment>('/api/segments', { name: 'Everyone', rules: {} })).body;
    const first = (await api.get<SegmentContacts>(`/api/segments/${all.id}/contacts?limit=3`)).body;
    const rest = (await api.get<SegmentContacts>(`/api/segments/${all.id}/contacts?offset=3&limit=3`)).body;
    expect([first.count, first.contacts.length, rest.contacts.length]).toEqual([4, 3, 1]);
    expect(new Set([...first.contacts, ...rest.contacts].map((c) => c.id)).size).toBe(4);
  });
});
