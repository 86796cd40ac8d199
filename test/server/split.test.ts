import { afterAll, beforeAll, expect, it } from 'vitest';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from '../api/api-client';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { greetingSplit } from './flows';

let graph: FakeGraphApi;
let server: TestServer;
let api: ApiClient;
beforeAll(async () => {
  graph = await startFakeGraphApi();
  server = await startServer({
    env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'token', WHATSAPP_APP_SECRET: APP_SECRET },
    app: { examplesDir: '/nonexistent', exampleCatalog: false },
  });
  api = apiClient(server.url, server.adminToken);
  expect((await api.post('/api/flows/import', greetingSplit)).status).toBe(201);
  expect((await api.post('/api/flows/welcome-ab/publish')).status).toBe(201);
  expect((await api.post('/api/flows/welcome-ab/default')).status).toBe(204);
});
afterAll(async () => {
  await server.stop();
  await graph.close();
});

const textsTo = (to: string) =>
  graph.delivered().flatMap((r) => (r.body.to === to ? [String((r.body.text as { body?: string })?.body)] : []));

it('splits WhatsApp customers between the branches and keeps each one on theirs when they come back', async () => {
  const customers = Array.from({ length: 24 }, (_, i) => `1555300${String(i).padStart(4, '0')}`);
  for (const [i, from] of customers.entries()) {
    expect((await postWebhook(server.url, whatsappText({ from, text: 'hi', id: `wamid.ab-${i}-1` }))).status).toBe(200);
  }
  await eventually(async () => (customers.every((c) => textsTo(c).length === 1) ? true : undefined), 15_000, 'every first greeting');
  const first = new Map(customers.map((c) => [c, textsTo(c)[0]]));
  const shortOnes = [...first.values()].filter((t) => t === 'Hi!').length;
  expect(shortOnes).toBeGreaterThan(3);
  expect(shortOnes).toBeLessThan(21);

  for (const [i, from] of customers.entries()) {
    expect((await postWebhook(server.url, whatsappText({ from, text: 'hi again', id: `wamid.ab-${i}-2` }))).status).toBe(200);
  }
  await eventually(async () => (customers.every((c) => textsTo(c).length === 2) ? true : undefined), 15_000, 'every second greeting');
  for (const c of customers) expect(textsTo(c)[1]).toBe(first.get(c));
});
