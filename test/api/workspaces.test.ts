import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';
import { openStream } from './sse-client';
import { makeTenant, type Tenant } from './workspace-fixtures';

const sentText = (request: { body: Record<string, unknown> }) => JSON.stringify(request.body);

describe('workspaces: many businesses on one server', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let admin: ApiClient;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({ env: { WHATSAPP_GRAPH_URL: graph.url }, app: { exampleCatalog: false } });
    admin = apiClient(server.url, server.adminToken);
    a = await makeTenant(server.url, admin, 'Alpha', '100000000000001');
    b = await makeTenant(server.url, admin, 'Bravo', '200000000000002');
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  /** A customer writes to a tenant's number; resolves with what the fake Graph API got for that number. */
  async function customerWrites(tenant: Tenant, from: string, id: string) {
    const body = whatsappText({ from, text: 'hi', id, phoneNumberId: tenant.phoneNumberId });
    expect((await postWebhook(server.url, body, tenant.appSecret)).status).toBe(200);
    return eventually(async () => {
      const sends = graph.delivered().filter((r) => r.phoneNumberId === tenant.phoneNumberId && sentText(r).includes(tenant.greeting));
      return sends.length > 0 ? sends : undefined;
    });
  }

  it("answers each number's customer with its workspace's flow, sent with its workspace's token", async () => {
    const toA = await customerWrites(a, '15550000001', 'wamid.ws-a-1');
    const toB = await customerWrites(b, '15550000002', 'wamid.ws-b-1');
    expect(toA.every((r) => r.authorization === `Bearer ${a.accessToken}`)).toBe(true);
    expect(toB.every((r) => r.authorization === `Bearer ${b.accessToken}`)).toBe(true);
    // Nothing of one business went out on the other's number.
    const onA = graph.requests.filter((r) => r.phoneNumberId === a.phoneNumberId);
    expect(onA.some((r) => sentText(r).includes(b.greeting) || r.authorization?.includes(b.accessToken))).toBe(false);
    // Each conversation is recorded in its own workspace only.
    const mine = await a.api.get<{ id: string }[]>('/api/conversations');
    expect(mine.body).toHaveLength(1);
    expect((await b.api.get<unknown[]>('/api/conversations')).body).toHaveLength(1);
    expect((await b.api.get(`/api/conversations/${mine.body[0]?.id}`)).status).toBe(404);
  });

  it("lets neither key read the other's flows, conversations, contacts, channels or audit", async () => {
    for (const path of ['/api/flows', '/api/conversations', '/api/channels', '/api/audit', `/api/workspaces/${b.id}/api-keys`]) {
      const seen = await b.api.get(path);
      expect(seen.status, path).toBe(200);
      for (const secret of [a.id, a.flowId, a.greeting, a.phoneNumberId, '15550000001']) expect(seen.text, path).not.toContain(secret);
    }
    expect((await b.api.get(`/api/flows/${a.flowId}`)).status).toBe(404);
    expect((await b.api.get(`/api/channels/${a.phoneNumberId}`)).status).toBe(404);
    expect((await b.api.get(`/api/workspaces/${a.id}`)).status).toBe(404);
    expect((await b.api.get(`/api/workspaces/${a.id}/api-keys`)).status).toBe(404);
    expect((await b.api.post(`/api/workspaces/${a.id}/api-keys`, { name: 'steal', role: 'owner' })).status).toBe(404);
    // Only the platform admin manages workspaces.
    expect((await b.api.get('/api/workspaces')).status).toBe(403);
    expect((await b.api.post('/api/workspaces', { name: 'Mine' })).status).toBe(403);
  });

  it('refuses a number already registered in any workspace', async () => {
    const again = await b.api.post<{ error: { message: string } }>('/api/channels', {
      phoneNumberId: a.phoneNumberId,
      accessToken: 'EAAG-another-token-0123456789',
    });
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(a.id);
  });

  it('lists API keys with their last use, never the key, and a revoked key stops at once', async () => {
    const listed = await admin.get<{ id: string; name: string; lastUsedAt?: string }[]>(`/api/workspaces/${a.id}/api-keys`);
    expect(listed.body).toEqual([expect.objectContaining({ name: 'Alpha CI', role: 'owner', lastUsedAt: expect.any(String) })]);
    expect(listed.text).not.toContain(a.key);
    const raw = await readFile(join(server.dataDir, 'api_keys.db'), 'utf8');
    expect(raw).not.toContain(a.key);

    const extra = await a.api.post<{ id: string; key: string }>(`/api/workspaces/${a.id}/api-keys`, { name: 'reader', role: 'admin' });
    expect(extra.status).toBe(201);
    const reader = apiClient(server.url, extra.body.key);
    expect((await reader.get('/api/flows')).status).toBe(200);
    // An admin key cannot mint owners.
    expect((await reader.post(`/api/workspaces/${a.id}/api-keys`, { name: 'up', role: 'owner' })).status).toBe(403);
    expect((await a.api.delete(`/api/workspaces/${a.id}/api-keys/${extra.body.id}`)).status).toBe(204);
    expect((await reader.get('/api/flows')).status).toBe(401);
  });

  it('suspends a workspace: its API answers 403, its webhooks are acknowledged and not run; resuming restores both', async () => {
    const live = await openStream(server.url, '/api/inbox/events', b.key);
    expect(live.status).toBe(200);
    expect((await admin.put(`/api/workspaces/${b.id}`, { suspended: true })).body).toMatchObject({ suspended: true });
    expect((await b.api.get('/api/flows')).status).toBe(403);
    // A live stream open before the suspension ends with it.
    await live.ended;
    const before = graph.delivered().length;
    const body = whatsappText({ from: '15550000003', text: 'hi', id: 'wamid.ws-b-suspended', phoneNumberId: b.phoneNumberId });
    expect((await postWebhook(server.url, body, b.appSecret)).status).toBe(200);
    // The other business is not affected.
    await customerWrites(a, '15550000004', 'wamid.ws-a-during');
    expect(
      graph
        .delivered()
        .slice(before)
        .some((r) => r.phoneNumberId === b.phoneNumberId),
    ).toBe(false);

    expect((await admin.put(`/api/workspaces/${b.id}`, { suspended: false, name: 'Bravo & Co' })).body).toMatchObject({
      suspended: false,
      name: 'Bravo & Co',
    });
    expect((await b.api.get('/api/flows')).status).toBe(200);
    await customerWrites(b, '15550000005', 'wamid.ws-b-resumed');
  }, 90_000);

  it('deletes a workspace with all its data, physically, and leaves the others working', async () => {
    const listed = await admin.get<{ id: string }[]>('/api/workspaces');
    expect(listed.body.map((w) => w.id)).toEqual(['default', a.id, b.id]);
    expect((await admin.delete('/api/workspaces/default')).status).toBe(409);

    expect((await admin.delete(`/api/workspaces/${b.id}`)).status).toBe(204);
    expect((await b.api.get('/api/flows')).status).toBe(401);
    expect((await admin.get(`/api/workspaces/${b.id}`)).status).toBe(404);
    for (const file of (await readdir(server.dataDir)).filter((name) => name.endsWith('.db') || name.endsWith('.log'))) {
      const raw = await readFile(join(server.dataDir, file), 'utf8');
      expect(raw, file).not.toContain(b.id);
      expect(raw, file).not.toContain(b.greeting);
    }
    // Its number is free again, and the other business still answers.
    expect((await a.api.get('/api/flows')).status).toBe(200);
    await customerWrites(a, '15550000006', 'wamid.ws-a-after');
  }, 90_000);
});
