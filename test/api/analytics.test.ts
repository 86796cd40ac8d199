import { readFileSync } from 'node:fs';
import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

const welcome = JSON.parse(readFileSync(new URL('../../examples/flows/welcome-menu.json', import.meta.url), 'utf8')) as FlowDocument;

/** Twelve customers along known paths of the welcome example. */
const PATHS = [
  ...Array.from({ length: 4 }, () => ['hi', 'Opening hours', 'No, thanks']),
  ...Array.from({ length: 3 }, () => ['hi', 'Our coffees', 'Back to the menu', 'Where to find us', 'No, thanks']),
  ...Array.from({ length: 3 }, () => ['hi', 'pizza', 'pizza', 'pizza']),
  ...Array.from({ length: 2 }, () => ['hi', 'Opening hours']),
];

interface Summary {
  conversations: { started: number; resolved: number; handedOff: number; abandoned: number; active: number };
  messages: { inbound: number; outbound: number };
  firstResponseMs: { bot: { p50: number | null; p90: number | null } };
  resolutionRate: number | null;
  series: { day: string; started: number; inbound: number }[];
}
interface FunnelNode {
  nodeId: string;
  entered: number;
  exits: Record<string, number>;
  waiting: number;
  droppedOff: number;
}

describe('analytics', () => {
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
    const { tests: _tests, ...flow } = welcome;
    expect((await api.post('/api/flows/import', flow)).status).toBe(201);
    expect((await api.post(`/api/flows/${flow.id}/publish`)).status).toBe(201);
    expect((await api.post(`/api/flows/${flow.id}/default`)).status).toBe(204);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('counts exactly what twelve customers did: conversations, messages, and per node who entered and left by which exit', async () => {
    // Each customer's messages go in order; the conversation's queue keeps them in order.
    await Promise.all(
      PATHS.map(async (path, c) => {
        const from = `1555700${String(c).padStart(4, '0')}`;
        for (const [m, text] of path.entries()) {
          expect(
            (await postWebhook(server.url, whatsappText({ from, text, id: `wamid.analytics-${c}-${m}`, name: `Customer ${c}` }))).status,
          ).toBe(200);
        }
      }),
    );
    const inbound = PATHS.flat().length;
    const summary = await eventually(
      async () => {
        const answer = await api.get<Summary>('/api/analytics/summary?tz=Europe/Lisbon');
        return answer.body.messages.inbound === inbound ? answer.body : undefined;
      },
      20_000,
      'every message counted',
    );
    expect(summary.conversations).toEqual({ started: 12, resolved: 7, handedOff: 0, abandoned: 0, active: 2 });
    expect(summary.resolutionRate).toBeCloseTo(0.7);
    expect(summary.messages.outbound).toBe(graph.delivered().length);
    expect(summary.firstResponseMs.bot.p50).toBeGreaterThan(0);
    expect(summary.series).toHaveLength(1);
    expect(summary.series[0]).toMatchObject({ started: 12, inbound });

    const nodes = (await api.get<FunnelNode[]>(`/api/analytics/flows/${welcome.id}/nodes?version=1`)).body;
    const byId = Object.fromEntries(nodes.map(({ nodeId, ...counts }) => [nodeId, counts]));
    expect(byId).toEqual({
      welcome: { entered: 12, exits: { next: 12 }, waiting: 0, droppedOff: 0 },
      'main-menu': { entered: 15, exits: { hours: 6, coffees: 3, location: 3, invalid: 3 }, waiting: 0, droppedOff: 0 },
      hours: { entered: 6, exits: { next: 6 }, waiting: 0, droppedOff: 0 },
      location: { entered: 3, exits: { next: 3 }, waiting: 0, droppedOff: 0 },
      coffees: { entered: 3, exits: { next: 3 }, waiting: 0, droppedOff: 0 },
      'anything-else': { entered: 12, exits: { done: 7, more: 3 }, waiting: 2, droppedOff: 0 },
      goodbye: { entered: 7, exits: {}, waiting: 0, droppedOff: 0 },
      'not-understood': { entered: 3, exits: {}, waiting: 0, droppedOff: 0 },
    });
    // No phone number in any aggregate.
    expect(JSON.stringify([summary, nodes])).not.toMatch(/1555700/);
  });

  it('refuses a bad range or time zone, and an unknown flow or version', async () => {
    expect((await api.get('/api/analytics/summary?from=yesterday')).status).toBe(400);
    expect((await api.get('/api/analytics/summary?tz=Mars/Olympus')).status).toBe(400);
    expect((await api.get('/api/analytics/flows/nobody/nodes')).status).toBe(404);
    expect((await api.get(`/api/analytics/flows/${welcome.id}/nodes?version=9`)).status).toBe(404);
  });
});
