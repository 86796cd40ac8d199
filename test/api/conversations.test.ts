import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

interface ConversationSummary {
  id: string;
  contactId: string;
  flowId: string;
  flowVersion: number;
  status: string;
  nodeId: string;
  updatedAt: string;
}
interface Conversation extends ConversationSummary {
  vars: Record<string, unknown>;
  messages: { direction: 'in' | 'out'; status: string; message: { kind: string; text?: string } }[];
}

const CUSTOMER = '16505551234';
const OTHER = '447700900123';

describe('conversations and contacts API', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    // The seeded welcome + menu flow is the default: a message to any number runs it.
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  const conversationsOf = async (contactId: string) =>
    (await api.get<ConversationSummary[]>(`/api/conversations?contactId=${contactId}`)).body;

  it('lists conversations by status and contact, with transcript, node and variables', async () => {
    expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text: 'hi', id: 'wamid.conv-1' }))).status).toBe(200);
    expect((await postWebhook(server.url, whatsappText({ from: OTHER, text: 'hello', id: 'wamid.conv-2', name: 'Bob' }))).status).toBe(200);
    const [mine] = await eventually(
      async () => {
        const list = (await api.get<ConversationSummary[]>('/api/conversations')).body;
        return list.length === 2 && list.every((c) => c.nodeId === 'main-menu') ? list : undefined;
      },
      10_000,
      'two conversations at the menu',
    );
    expect(mine).toMatchObject({ flowId: 'welcome-menu', flowVersion: 1, status: 'active', nodeId: 'main-menu' });
    // Replies went out with the global token, as no channel is configured.
    expect(graph.delivered().every((r) => r.authorization === 'Bearer global-access-token-123')).toBe(true);

    const active = await api.get<ConversationSummary[]>('/api/conversations?status=active');
    expect(active.body).toHaveLength(2);
    expect((await api.get<ConversationSummary[]>('/api/conversations?status=ended')).body).toHaveLength(0);
    const badStatus = await api.get<{ error: { path: string } }>('/api/conversations?status=sleeping');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.path).toBe('status');

    const detail = await api.get<Conversation>(`/api/conversations/${mine!.id}`);
    expect(detail.body.vars).toEqual(expect.any(Object));
    expect(detail.body.messages[0]).toMatchObject({ direction: 'in', status: 'processed' });
    expect(detail.body.messages.filter((m) => m.direction === 'out').map((m) => m.message.kind)).toEqual(['text', 'menu']);
    expect((await api.get('/api/conversations/nope')).status).toBe(404);
  });

  it('exports everything of a contact, then deletes everything of them', async () => {
    const all = (await api.get<ConversationSummary[]>('/api/conversations')).body;
    const contactId = await eventually(async () => {
      for (const c of all) {
        const contact = (await api.get<{ id: string; name?: string }>(`/api/contacts/${c.contactId}`)).body;
        if (contact.name === 'Sheena Nelson') return contact.id;
      }
      return undefined;
    });
    const contact = await api.get<Record<string, unknown>>(`/api/contacts/${contactId}`);
    expect(contact.body).toMatchObject({ id: contactId, name: 'Sheena Nelson', optedOut: false });
    expect(JSON.stringify(contact.body)).not.toContain(CUSTOMER);

    const exported = await api.get<{ contact: { address: string }; conversations: Conversation[] }>(`/api/contacts/${contactId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body.contact.address).toBe(CUSTOMER);
    expect(exported.body.conversations).toHaveLength(1);
    expect(exported.body.conversations[0]?.messages.length).toBeGreaterThanOrEqual(3);
    const conversationId = exported.body.conversations[0]!.id;

    expect((await api.delete(`/api/contacts/${contactId}`)).status).toBe(204);
    expect((await api.get(`/api/contacts/${contactId}`)).status).toBe(404);
    expect((await api.get(`/api/contacts/${contactId}/export`)).status).toBe(404);
    expect((await api.get(`/api/conversations/${conversationId}`)).status).toBe(404);
    expect(await conversationsOf(contactId)).toEqual([]);
    // The other customer is untouched.
    expect((await api.get<ConversationSummary[]>('/api/conversations')).body).toHaveLength(1);

    // Nothing of theirs is left in the data folder: not their number, not a message id.
    const files = await readdir(server.dataDir);
    for (const file of files.filter((f) => f.endsWith('.db'))) {
      const live = await liveDocuments(join(server.dataDir, file));
      expect(live, file).not.toContain(CUSTOMER);
      expect(live, file).not.toContain('wamid.conv-1');
    }
    const audit = await api.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit?type=contact.delete');
    expect(audit.body[0]?.details).toMatchObject({ contactId, conversations: 1 });
  });

  it('starts afresh when a deleted contact writes again', async () => {
    expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text: 'back again', id: 'wamid.conv-3' }))).status).toBe(200);
    const again = await eventually(async () => {
      const list = (await api.get<ConversationSummary[]>('/api/conversations')).body;
      return list.length === 2 ? list : undefined;
    });
    expect(again.every((c) => c.nodeId === 'main-menu' || c.status === 'active')).toBe(true);
  });
});

/**
 * The documents a datafile holds now: nedb appends every write and deletion as a line, so only
 * the last line of each `_id` counts, and a `$$deleted` line removes it.
 */
async function liveDocuments(path: string): Promise<string> {
  const live = new Map<string, string>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { _id?: string; $$deleted?: boolean; $$indexCreated?: unknown };
    if (doc.$$indexCreated || !doc._id) continue;
    if (doc.$$deleted) live.delete(doc._id);
    else live.set(doc._id, line);
  }
  return [...live.values()].join('\n');
}
