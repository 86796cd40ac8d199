import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { createMetaWebhooks } from '../support/meta-webhooks';
import { freePort, type RedisServer, startRedisServer } from '../support/redis-server';
import { type ServerProcess, startServerProcess } from '../support/server-process';
import { inboundWebhook } from '../support/whatsapp-webhooks';
import { supportFlow } from './flows';
import { APP_SECRET, PHONE_NUMBER_ID, received, until } from './harness';

const CUSTOMERS = 300;
/** What each customer writes, and how many replies each message gets. */
const SCRIPT = [
  { text: 'hi', replies: 2 },
  { text: 'Sales', replies: 1 },
];
const EXPECTED = ['Hi Crash Tester!', '[button] How can we help?', 'Sales here.'];

let redis: RedisServer;
let graph: FakeGraphApi;
let dataDir: string;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  [redis, graph, dataDir] = await Promise.all([startRedisServer(), startFakeGraphApi(), mkdtemp(join(tmpdir(), 'chatflow-crash-'))]);
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await Promise.all([redis?.stop(), graph?.close(), rm(dataDir, { recursive: true, force: true })]);
});

it('loses no message and doubles no reply when a server process is killed mid-load, and answers every conversation within 10 s of the restart', async () => {
  const port = await freePort();
  const adminToken = randomBytes(24).toString('hex');
  const env = {
    PORT: String(port),
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    ADMIN_TOKEN: adminToken,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_ACCESS_TOKEN: 'token',
    WHATSAPP_GRAPH_URL: graph.url,
  };
  const first = await startServerProcess(env);
  servers.push(first);
  const api = (path: string, body?: unknown) =>
    fetch(`${first.url}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const imported = (await (await api('/flows/import', supportFlow)).json()) as { id: string };
  expect((await api(`/flows/${imported.id}/publish`)).status).toBe(201);
  expect((await api(`/flows/${imported.id}/default`)).status).toBe(204);

  const meta = createMetaWebhooks(graph, () => first.url, APP_SECRET);
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `1555${String(i).padStart(7, '0')}`);
  const replies = new Map(customers.map((c) => [c, 0]));
  const lastReplyAt = new Map<string, number>();
  const waiters = new Map<string, { count: number; done: () => void }>();
  graph.onRequest((request) => {
    if (request.kind !== 'send' || !('wamid' in request.answer)) return;
    const to = String(request.body.to);
    const count = (replies.get(to) ?? 0) + 1;
    replies.set(to, count);
    lastReplyAt.set(to, Date.now());
    const waiter = waiters.get(to);
    if (waiter && count >= waiter.count) waiter.done();
  });
  // Each customer writes, waits for the bot's answer, and writes again, as people do.
  const conversations = customers.map(async (from) => {
    let expected = 0;
    for (const [n, line] of SCRIPT.entries()) {
      expected += line.replies;
      const answered = new Promise<void>((resolve) => waiters.set(from, { count: expected, done: resolve }));
      const message = { type: 'text', text: { body: line.text } };
      await meta.deliver(
        inboundWebhook({ id: `wamid.crash.${from}.${n}`, from, phoneNumberId: PHONE_NUMBER_ID, name: 'Crash Tester', message }),
      );
      await answered;
    }
  });

  // Mid-load: a third of the replies sent, many turns between their commit, their sends and their records.
  const total = CUSTOMERS * EXPECTED.length;
  await until(() => graph.delivered().length >= total / 3, 30_000);
  await first.kill();
  const atKill = graph.delivered().length;
  const killedAt = Date.now();

  const second = await startServerProcess(env);
  servers.push(second);
  const restartedAt = Date.now();
  await meta.redeliver();
  await Promise.race([Promise.all(conversations), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  // Late copies would come now: the statuses of the last sends, any turn still waiting.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await meta.redeliver();

  const lost = customers.filter((c) => (replies.get(c) ?? 0) < EXPECTED.length);
  const doubled = customers.filter((c) => (replies.get(c) ?? 0) > EXPECTED.length);
  const wrong = customers.filter((c) => received(graph, c).join('\n') !== EXPECTED.join('\n'));
  const slowest = Math.max(...customers.map((c) => (lastReplyAt.get(c) ?? Number.POSITIVE_INFINITY) - restartedAt));
  const figures = {
    killedAfterReplies: atKill,
    restartMs: restartedAt - killedAt,
    lost: lost.length,
    doubled: doubled.length,
    wrong: wrong.length,
    slowestMsAfterRestart: slowest,
  };
  console.log('crash under load:', figures);
  expect({ lost, doubled, wrong }).toEqual({ lost: [], doubled: [], wrong: [] });
  expect(slowest).toBeLessThanOrEqual(10_000);
  expect(meta.unacknowledged()).toBe(0);
}, 90_000);
