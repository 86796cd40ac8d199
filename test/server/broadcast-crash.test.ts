import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { createMetaWebhooks } from '../support/meta-webhooks';
import { freePort } from '../support/redis-server';
import { seedContacts } from '../support/seed-contacts';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { WABA_ID } from '../support/whatsapp-webhooks';
import { APP_SECRET, PHONE_NUMBER_ID, until } from './harness';

const RECIPIENTS = 200;
const RATE = 40;

let graph: FakeGraphApi;
let dataDir: string;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  [graph, dataDir] = await Promise.all([startFakeGraphApi(), mkdtemp(join(tmpdir(), 'chatflow-broadcast-crash-'))]);
  graph.templates.byAccount.set(WABA_ID, [
    {
      id: '4001',
      name: 'restock',
      language: 'en_US',
      status: 'APPROVED',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hi {{1}}, it is back in stock' }],
    },
  ]);
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await Promise.all([graph?.close(), rm(dataDir, { recursive: true, force: true })]);
});

it('sends every recipient exactly one copy when the server is killed mid-broadcast and restarted on the same DATA_DIR', async () => {
  const customers = Array.from({ length: RECIPIENTS }, (_, i) => `1555${String(i).padStart(7, '0')}`);
  await seedContacts(
    dataDir,
    'default',
    PHONE_NUMBER_ID,
    customers.map((address, i) => ({ address, name: `Customer ${i}`, tags: ['restock'] })),
  );
  const adminToken = randomBytes(24).toString('hex');
  const env = {
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_ACCESS_TOKEN: 'token',
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
  };
  let server = await startServerProcess(env);
  servers.push(server);
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  // Meta's side: every accepted send is answered with `sent` and `delivered` webhooks, kept until acknowledged.
  const meta = createMetaWebhooks(graph, () => server.url, APP_SECRET);
  expect((await api('POST', '/templates/sync')).status).toBe(200);
  const created = await api('POST', '/broadcasts', {
    name: 'Restock',
    template: { name: 'restock', language: 'en_US', params: ['{{contact.name}}'] },
    audience: { tags: ['restock'] },
    ratePerSecond: RATE,
  });
  expect(created.status).toBe(201);
  const sends = () => graph.delivered().filter((r) => r.body.type === 'template');

  await until(() => sends().length >= RECIPIENTS / 3, 30_000);
  await server.kill();
  const atKill = sends().length;

  const killedAt = Date.now();
  server = await startServerProcess(env);
  servers.push(server);
  const restartedAt = Date.now();
  await meta.redeliver();
  let finished: Record<string, unknown> = {};
  await until(async () => {
    finished = (await api('GET', `/broadcasts/${String(created.body.id)}`)).body;
    if (finished.status === 'done') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return false;
  }, 60_000);
  const doneAt = Date.now();
  await meta.redeliver();

  const copies = new Map<string, number>();
  for (const send of sends()) copies.set(String(send.body.to), (copies.get(String(send.body.to)) ?? 0) + 1);
  const missing = customers.filter((c) => !copies.has(c));
  const doubled = customers.filter((c) => (copies.get(c) ?? 0) > 1);
  console.log('broadcast crash:', {
    restartMs: restartedAt - killedAt,
    doneMsAfterRestart: doneAt - restartedAt,
    killedAfterSends: atKill,
    sends: sends().length,
    missing: missing.length,
    doubled: doubled.length,
  });
  expect(atKill).toBeLessThan(RECIPIENTS);
  expect({ missing, doubled }).toEqual({ missing: [], doubled: [] });
  expect(finished.counts).toMatchObject({ queued: 0, sent: RECIPIENTS, failed: 0, skipped: 0 });
}, 120_000);
