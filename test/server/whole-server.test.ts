import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { startServer, type TestServer } from '../support/start-server';
import { postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { templatedFlow } from './flows';
import { APP_SECRET, CUSTOMER, received, statusUpdate, text, until } from './harness';

const raw = readFileSync(new URL('../fixtures/whatsapp-examples/inbound-text.raw', import.meta.url), 'utf8');

let redis: RedisServer;
let graph: FakeGraphApi;
let server: TestServer | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
beforeEach(async () => {
  // Each test starts from an empty Redis, as its data folder starts empty.
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
});
afterEach(async () => {
  await server?.stop();
  await graph?.close();
  server = undefined;
});

const post = (body: string) => postRawWebhook(String(server?.url), body, signWebhook(body, APP_SECRET));

describe.each([
  ['Redis', () => ({ REDIS_URL: redis.url })],
  ['in-process stores', () => ({})],
])('the whole server (createApp) answers WhatsApp on %s', (_, env) => {
  it('replies to a signed webhook with the default flow, once, and shows the conversation in the API', async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: {
        ...env(),
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_ACCESS_TOKEN: 'token',
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_VERIFY_TOKEN: 'verify-me',
      },
    });
    const verify = await fetch(`${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42`);
    expect(await verify.text()).toBe('42');
    expect((await post(raw)).status).toBe(200);
    expect((await post(raw)).status).toBe(200);
    await until(() => received(graph).length >= 2);
    expect(received(graph).slice(0, 2)).toEqual([
      'Hi Sheena Nelson! 👋 Welcome to Casa Verde Coffee.',
      '[button] What can we do for you today?',
    ]);
    await post(JSON.stringify(text('wamid.whole-2', 'Opening hours')));
    await until(() => received(graph).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(graph, CUSTOMER)[2]).toMatch(/^We're open Monday to Friday/);
    expect(graph.delivered().every((r) => r.authorization === 'Bearer token')).toBe(true);
    const auth = { authorization: `Bearer ${server.adminToken}` };
    const [conversation] = (await (await fetch(`${server.url}/api/conversations`, { headers: auth })).json()) as { id: string }[];
    const detail = (await (await fetch(`${server.url}/api/conversations/${conversation?.id}`, { headers: auth })).json()) as {
      messages: { direction: string; status: string }[];
    };
    expect(detail.messages.filter((m) => m.direction === 'in')).toHaveLength(2);
    expect(detail.messages.filter((m) => m.direction === 'out').every((m) => m.status === 'sent')).toBe(true);
  });

  it('answers a 131047 that arrives later as a failed status with the flow’s template, once', async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { ...env(), WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_ACCESS_TOKEN: 'token', WHATSAPP_GRAPH_URL: graph.url },
    });
    const api = (path: string, body?: unknown) =>
      fetch(`${server?.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server?.adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const imported = (await (await api('/flows/import', templatedFlow)).json()) as { id: string };
    expect((await api(`/flows/${imported.id}/publish`)).status).toBe(201);
    expect((await api(`/flows/${imported.id}/default`)).status).toBe(204);

    await post(JSON.stringify(text('wamid.late-1', 'hi')));
    await until(() => received(graph).length >= 2);
    const wamid = (graph.delivered()[0]!.answer as { wamid: string }).wamid;
    const late = JSON.stringify(
      statusUpdate(wamid, 'failed', [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours' } }]),
    );
    expect((await post(late)).status).toBe(200);
    expect((await post(late)).status).toBe(200);
    await until(() => received(graph).length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', '[template] follow_up']);
  });

  it('continues a conversation after the server restarts on the same data, answering nothing twice', async () => {
    graph = await startFakeGraphApi();
    const dataDir = await mkdtemp(join(tmpdir(), 'chatflow-whole-'));
    const whatsapp = { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_ACCESS_TOKEN: 'token', WHATSAPP_GRAPH_URL: graph.url };
    try {
      server = await startServer({ env: { ...env(), ...whatsapp }, dataDir });
      await post(JSON.stringify(text('wamid.restart-1', 'hi')));
      await until(() => received(graph).length >= 2);
      await server.stop();
      server = await startServer({ env: { ...env(), ...whatsapp }, dataDir });
      await post(JSON.stringify(text('wamid.restart-1', 'hi'))); // Meta's retry of the first message
      await post(JSON.stringify(text('wamid.restart-2', 'Opening hours')));
      await until(() => received(graph).length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const replies = received(graph);
      expect(replies.filter((r) => r.startsWith('Hi Sheena Nelson!'))).toHaveLength(1);
      expect(replies[2]).toMatch(/^We're open Monday to Friday/);
    } finally {
      await server?.stop();
      server = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
