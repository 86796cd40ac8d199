import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

const NUMBER = '5550001111';
const CHANNEL_TOKEN = 'EAAG-channel-access-token-do-not-leak';
const CHANNEL_SECRET = 'channel-app-secret-do-not-leak';

describe('channels API', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  let api: ApiClient;
  const logs: string[] = [];
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
      app: { log: { write: (line) => logs.push(line), level: 'debug' } },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('stores a channel with its secrets encrypted at rest and never returns them', async () => {
    const created = await api.post<Record<string, unknown>>('/api/channels', {
      phoneNumberId: NUMBER,
      accessToken: CHANNEL_TOKEN,
      appSecret: CHANNEL_SECRET,
      flowId: 'welcome-menu',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: NUMBER, phoneNumberId: NUMBER, flowId: 'welcome-menu', hasAppSecret: true });
    expect(created.text).not.toContain(CHANNEL_TOKEN);
    const listed = await api.get<unknown[]>('/api/channels');
    expect(listed.body).toHaveLength(1);
    expect(listed.text).not.toContain(CHANNEL_TOKEN);
    expect(listed.text).not.toContain(CHANNEL_SECRET);

    const raw = await readFile(join(server.dataDir, 'channels.db'), 'utf8');
    expect(raw).toContain(NUMBER);
    expect(raw).not.toContain(CHANNEL_TOKEN);
    expect(raw).not.toContain(CHANNEL_SECRET);
    expect(raw).not.toContain(Buffer.from(CHANNEL_TOKEN).toString('base64'));
  });

  it('replies on a configured number with its own token, verified with its own app secret', async () => {
    const body = whatsappText({ from: '16505550000', text: 'hi', id: 'wamid.chan-1', phoneNumberId: NUMBER });
    // Signed with the global secret, a webhook for a number with its own app is refused.
    expect((await postWebhook(server.url, body, APP_SECRET)).status).toBe(401);
    expect((await postWebhook(server.url, body, CHANNEL_SECRET)).status).toBe(200);
    const sends = await eventually(async () => {
      const mine = graph.delivered().filter((r) => r.phoneNumberId === NUMBER);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(sends.every((r) => r.authorization === `Bearer ${CHANNEL_TOKEN}`)).toBe(true);
  });

  it('validates input, refuses duplicates and unknown flows', async () => {
    const dup = await api.post<{ error: { path: string } }>('/api/channels', { phoneNumberId: NUMBER, accessToken: 'another-token-123' });
    expect(dup.status).toBe(409);
    const unknownFlow = await api.post<{ error: { path: string } }>('/api/channels', {
      phoneNumberId: '5550002222',
      accessToken: 'another-token-123',
      flowId: 'nope',
    });
    expect(unknownFlow.status).toBe(400);
    expect(unknownFlow.body.error.path).toBe('flowId');
    const missing = await api.post<{ error: { path: string } }>('/api/channels', { phoneNumberId: '5550002222' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe('accessToken');
  });

  it('changes and deletes a channel, auditing without secrets', async () => {
    const updated = await api.put<Record<string, unknown>>(`/api/channels/${NUMBER}`, {
      accessToken: 'EAAG-rotated-token-456',
      appSecret: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ hasAppSecret: false });
    expect(await readFile(join(server.dataDir, 'channels.db'), 'utf8')).not.toContain('EAAG-rotated-token-456');
    expect((await api.delete(`/api/channels/${NUMBER}`)).status).toBe(204);
    expect((await api.get(`/api/channels/${NUMBER}`)).status).toBe(404);
    expect((await api.delete(`/api/channels/${NUMBER}`)).status).toBe(404);

    const audit = await api.get<{ type: string }[]>('/api/audit');
    expect(audit.body.map((e) => e.type)).toEqual(expect.arrayContaining(['channel.create', 'channel.update', 'channel.delete']));
    for (const secret of [CHANNEL_TOKEN, CHANNEL_SECRET, 'EAAG-rotated-token-456']) expect(audit.text).not.toContain(secret);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(CHANNEL_TOKEN);
  });
});
