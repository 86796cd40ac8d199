import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

const CUSTOMER = '15551234567';
const OTHER = '447700900123';
const WORDS = 'my parcel code is marmalade-4417';

interface Contact {
  id: string;
  name?: string;
  attributes?: Record<string, unknown>;
}

describe('erasing a contact, on the embedded store and Redis', () => {
  let redis: RedisServer;
  let client: Redis;
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url);
    graph = await startFakeGraphApi();
    server = await startServer({
      env: {
        REDIS_URL: redis.url,
        WHATSAPP_GRAPH_URL: graph.url,
        WHATSAPP_ACCESS_TOKEN: 'global-access-token-123',
        WHATSAPP_APP_SECRET: APP_SECRET,
      },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    client.disconnect();
    await redis.stop();
    await graph.close();
  });

  it('finds a contact by number, corrects their name and attributes, and erases every trace of them', async () => {
    for (const [from, text, id] of [
      [CUSTOMER, 'hi', 'wamid.erase-1'],
      [OTHER, 'hello', 'wamid.erase-2'],
      [CUSTOMER, WORDS, 'wamid.erase-3'],
    ] as const) {
      expect(
        (await postWebhook(server.url, whatsappText({ from, text, id, name: from === CUSTOMER ? 'Sheena Nelson' : 'Bob' }))).status,
      ).toBe(200);
    }
    await eventually(
      async () => (graph.delivered().filter((r) => r.body.to === CUSTOMER).length >= 3 ? true : undefined),
      10_000,
      'replies',
    );

    const found = await api.get<Contact[]>(`/api/contacts?address=${encodeURIComponent(`+${CUSTOMER}`)}`);
    expect(found.status).toBe(200);
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({ name: 'Sheena Nelson' });
    expect(JSON.stringify(found.body)).not.toContain(CUSTOMER);
    expect((await api.get<Contact[]>('/api/contacts?address=+15550000000')).body).toEqual([]);
    expect((await api.get('/api/contacts?address=call-me')).status).toBe(400);
    const contactId = found.body[0]!.id;

    const corrected = await api.patch<Contact>(`/api/contacts/${contactId}`, { name: 'Sheena N. Cole', attributes: { tier: 'gold' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ id: contactId, name: 'Sheena N. Cole', attributes: { tier: 'gold' } });
    expect((await api.get<Contact>(`/api/contacts/${contactId}`)).body).toMatchObject({ name: 'Sheena N. Cole' });
    expect((await api.patch(`/api/contacts/${contactId}`, { address: '+15550000000' })).status).toBe(400);

    expect((await api.delete(`/api/contacts/${contactId}`)).status).toBe(204);
    expect((await api.get<Contact[]>(`/api/contacts?address=${CUSTOMER}`)).body).toEqual([]);

    // Physically gone once the deletion is answered: no file in the data folder, no Redis key or value holds them.
    expect(await filesHolding(server.dataDir)).toEqual([]);
    expect(await redisHolding(client)).toEqual([]);
    // The other customer and the audit of what happened stay.
    expect(await api.get<Contact[]>(`/api/contacts?address=${OTHER}`).then((r) => r.body)).toHaveLength(1);
    const audit = await api.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit');
    expect(audit.body.map((entry) => entry.type)).toEqual(expect.arrayContaining(['contact.update', 'contact.delete']));
    expect(JSON.stringify(audit.body)).not.toContain('Sheena');
  });

  it('audits user changes and deletions by who made them', async () => {
    const created = await api.post<{ id: string }>('/api/users', {
      email: 'ines@shop.example',
      name: 'Ines',
      password: 'a-long-password-1',
      role: 'agent',
    });
    expect(created.status).toBe(201);
    expect((await api.put(`/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await api.delete(`/api/users/${created.body.id}`)).status).toBe(204);
    const audit = (await api.get<{ type: string; details: Record<string, unknown> }[]>('/api/audit')).body;
    const of = (type: string) => audit.find((entry) => entry.type === type)?.details;
    expect(of('user.create')).toEqual({ actor: 'admin', userId: created.body.id, role: 'agent' });
    expect(of('user.update')).toEqual({ actor: 'admin', userId: created.body.id, fields: ['disabled'] });
    expect(of('user.delete')).toEqual({ actor: 'admin', userId: created.body.id });
    expect(JSON.stringify(audit)).not.toContain('a-long-password-1');
  });
});

const needles = [CUSTOMER, WORDS, 'Sheena'];

async function filesHolding(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = (await readFile(path)).toString('latin1');
    for (const needle of needles) if (text.includes(needle)) found.push(`${path} (${needle})`);
  }
  return found;
}

async function redisHolding(client: Redis): Promise<string[]> {
  const found: string[] = [];
  for (const key of await client.keys('*')) {
    const text = `${key} ${JSON.stringify(await redisValue(client, key))}`;
    for (const needle of needles) if (text.includes(needle)) found.push(`redis ${key} (${needle})`);
  }
  return found;
}

async function redisValue(client: Redis, key: string): Promise<unknown> {
  switch (await client.type(key)) {
    case 'string':
      return client.get(key);
    case 'hash':
      return client.hgetall(key);
    case 'list':
      return client.lrange(key, 0, -1);
    case 'set':
      return client.smembers(key);
    case 'zset':
      return client.zrange(key, '0', '-1');
    case 'stream':
      return client.xrange(key, '-', '+');
    default:
      return undefined;
  }
}
