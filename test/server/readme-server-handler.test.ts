import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../api/api-client';
import { openStream, type SseMessage } from '../api/sse-client';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type LocalService, startLocalService } from '../support/local-service';
import { postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { APP_SECRET, received, text, until } from './harness';

const SHOP_KEY = 'sk_live_order_lookup_4242';
const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
/** A newcomer's checkout: a copy of the packages, so the README's files never land in this one's source tree. */
let checkout: string;
const repo = (path: string) => join(checkout, path);

async function copyCheckout(): Promise<void> {
  checkout = await mkdtemp(join(tmpdir(), 'chatflow-checkout-'));
  for (const path of ['packages/engine', 'packages/server', 'examples', 'tsconfig.base.json', 'package.json']) {
    // Symbolic links are copied as links: the packages' node_modules keep pointing at the root's.
    await cp(source(path), repo(path), { recursive: true, verbatimSymlinks: true, filter: (from) => !from.endsWith('/dist') });
  }
  await symlink(source('node_modules'), repo('node_modules'));
}
/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Writes every `// packages/engine/src/custom/...` block of the README into place, as a newcomer would. */
async function installReadmeExample(): Promise<void> {
  const readme = await readFile(source('README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n\/\/ (packages\/engine\/src\/custom\/[\w/-]+\.ts)\n([\s\S]*?)```/g)];
  expect(blocks.map((block) => block[1])).toContain('packages/engine/src/custom/order-status/handler.ts');
  for (const [, path, code] of blocks) {
    await mkdir(dirname(repo(path as string)), { recursive: true });
    await writeFile(repo(path as string), code as string);
  }
}

const lookupFlow = (id: string, apiUrl: string): FlowDocument => ({
  schemaVersion: 1,
  id,
  name: 'Order status',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', version: 1, position: { x: 0, y: 0 }, data: { text: 'Order number?', variable: 'order_id' } },
    { id: 'lookup', type: 'order-status', version: 1, position: { x: 0, y: 120 }, data: { apiUrl, order: '{{order_id}}' } },
    { id: 'found', type: 'end', version: 1, position: { x: 0, y: 240 }, data: { text: 'Order {{order_id}} is {{order_status}}.' } },
    { id: 'unknown', type: 'end', version: 1, position: { x: 200, y: 240 }, data: { text: 'No order {{order_id}}.' } },
    { id: 'sorry', type: 'end', version: 1, position: { x: 400, y: 240 }, data: { text: 'Sorry, no lookup now.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'lookup' },
    { id: 'e2', source: 'lookup', sourceHandle: 'found', target: 'found' },
    { id: 'e3', source: 'lookup', sourceHandle: 'unknown', target: 'unknown' },
    { id: 'e4', source: 'lookup', sourceHandle: 'error', target: 'sorry' },
  ],
});

let shop: LocalService;
let other: LocalService;
let graph: FakeGraphApi;
let server: ChildProcess;
let url: string;
let dataDir: string;
let api: ApiClient;
let adminToken: string;
const logLines: string[] = [];
beforeAll(async () => {
  await copyCheckout();
  await installReadmeExample();
  shop = await startLocalService((request, res) => {
    const known = request.url === '/orders/A-17';
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(known ? { status: 'shipped' } : { error: 'not found' }));
  });
  other = await startLocalService((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"leaked"}'));
  graph = await startFakeGraphApi();
  // The server runs as `pnpm dev` does, in its own process, so it loads the list the README just wrote.
  const port = await freePort();
  adminToken = randomBytes(24).toString('hex');
  dataDir = await mkdtemp(join(tmpdir(), 'chatflow-readme-'));
  url = `http://127.0.0.1:${port}`;
  server = spawn(source('node_modules/.bin/tsx'), [repo('packages/server/src/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_GRAPH_URL: graph.url,
      HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${shop.port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
  await until(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true, 60_000);
  api = apiClient(url, adminToken);
  expect((await api.put('/api/secrets/SHOP_KEY', { value: SHOP_KEY })).status).toBe(201);
});
afterAll(async () => {
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
  await graph?.close();
  await shop?.close();
  await other?.close();
  if (checkout) await rm(checkout, { recursive: true, force: true });
});

const post = (body: unknown) => {
  const raw = JSON.stringify(body);
  return postRawWebhook(url, raw, signWebhook(raw, APP_SECRET));
};

async function publishDefault(flow: FlowDocument): Promise<void> {
  const imported = await api.post<{ id: string }>('/api/flows/import', flow);
  expect(imported.status).toBe(201);
  const published = await api.post(`/api/flows/${imported.body.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  expect((await api.post(`/api/flows/${imported.body.id}/default`)).status).toBe(204);
}

async function latestConversation(): Promise<{ vars: Record<string, unknown>; lastFailure?: { reason: string } }> {
  const list = await api.get<{ id: string }[]>('/api/conversations?limit=1');
  return (await api.get<{ vars: Record<string, unknown>; lastFailure?: { reason: string } }>(`/api/conversations/${list.body[0]?.id}`))
    .body;
}

describe("the README's server handler example", () => {
  it('looks the order up at the shop with the workspace secret and answers the customer', async () => {
    await publishDefault(lookupFlow('order-lookup', shop.url));
    await post(text('wamid.rh-1', 'hi'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.rh-2', 'A-17'));
    await until(() => received(graph).length >= 2);
    expect(received(graph)[1]).toBe('Order A-17 is shipped.');
    expect(shop.requests[0]?.url).toBe('/orders/A-17');
    expect(shop.requests[0]?.headers.authorization).toBe(`Bearer ${SHOP_KEY}`);
    const record = await latestConversation();
    expect(record.vars).toMatchObject({ order_status: 'shipped' });
    expect(JSON.stringify(record)).not.toContain(SHOP_KEY);
    expect(logLines.join('\n')).toContain('order looked up');
    expect(logLines.join('\n')).not.toContain(SHOP_KEY);
  });

  it('takes the exit the handler names for an unknown order', async () => {
    graph.reset();
    await post(text('wamid.rh-3', 'hi again'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.rh-4', 'Z-9'));
    await until(() => received(graph).length >= 2);
    expect(received(graph)[1]).toBe('No order Z-9.');
  });

  it('takes error with the reason when the API is on a host that is not allowed, and nothing arrives there', async () => {
    graph.reset();
    await publishDefault(lookupFlow('order-lookup-refused', other.url));
    await post(text('wamid.rh-5', 'hello'));
    await until(() => received(graph).length >= 1);
    await post(text('wamid.rh-6', 'A-17'));
    await until(() => received(graph).length >= 2);
    expect(received(graph)[1]).toBe('Sorry, no lookup now.');
    expect(other.requests).toHaveLength(0);
    expect((await latestConversation()).lastFailure?.reason).toMatch(/127\.0\.0\.1/);
  });
});

describe("the README's server handler example in the builder's test chat", () => {
  const said = (line: string) => (e: SseMessage) =>
    e.event === 'message' && (e.data as { message: { text?: string } }).message.text === line;
  /** Opens a test chat on the draft flow (not published) and answers its question with `order`. */
  async function chat(flow: FlowDocument, order: string) {
    const created = await api.post<{ sessionId: string }>('/api/simulator/sessions', { document: flow, contactName: 'Ana' });
    expect(created.status).toBe(201);
    const sse = await openStream(url, `/api/simulator/sessions/${created.body.sessionId}/events`, adminToken);
    await sse.next(said('Order number?'));
    await api.post(`/api/simulator/sessions/${created.body.sessionId}/messages`, { message: { kind: 'text', text: order } });
    return sse;
  }

  it('runs the handler through the server: the shop is asked with the secret and the answer shows in the chat', async () => {
    const before = shop.requests.length;
    const sse = await chat(lookupFlow('sim-order-lookup', shop.url), 'A-17');
    try {
      await sse.next(said('Order A-17 is shipped.'));
    } finally {
      sse.close();
    }
    expect(shop.requests.slice(before).map((r) => [r.url, r.headers.authorization])).toEqual([['/orders/A-17', `Bearer ${SHOP_KEY}`]]);
  });

  it('shows why the handler failed beside the error exit’s answer, and nothing reaches a host that is not allowed', async () => {
    const sse = await chat(lookupFlow('sim-order-lookup-refused', other.url), 'A-17');
    try {
      await sse.next(said('Sorry, no lookup now.'));
      const error = await sse.next((e) => e.event === 'error');
      expect((error.data as { message: string }).message).toMatch(/^node "lookup" failed: .*127\.0\.0\.1/);
      expect(JSON.stringify(error.data)).not.toContain(SHOP_KEY);
    } finally {
      sse.close();
    }
    expect(other.requests).toHaveLength(0);
  });
});
