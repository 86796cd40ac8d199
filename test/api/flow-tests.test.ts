import { readFileSync } from 'node:fs';
import type { FlowDocument, Problem } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, postWebhook, whatsappText } from './api-client';

const welcome = JSON.parse(readFileSync(new URL('../../examples/flows/welcome-menu.json', import.meta.url), 'utf8')) as FlowDocument;
const CUSTOMER = '15550001111';

interface TestResults {
  results: { name: string; passed: boolean; failure?: { step: number; what: string; expected: string; actual: string } }[];
}
interface ErrorBody {
  error: { message: string; problems?: Problem[] };
}

describe("a flow's own tests on the server", () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      app: { examplesDir: '/nonexistent', exampleCatalog: false },
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'token-of-the-number', WHATSAPP_APP_SECRET: APP_SECRET },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('refuses to publish a flow whose test fails, naming the test and what the bot said, and publishes it once fixed', async () => {
    const sunday = { name: 'hours on Sunday', steps: [{ say: 'hi' }, { choose: 'Opening hours' }, { expect: 'closed on Sundays' }] };
    const wrong = { ...welcome, id: 'cafe', tests: [...(welcome.tests ?? []), sunday] };
    expect((await api.post('/api/flows/import', wrong)).status).toBe(201);

    const ran = await api.post<TestResults>('/api/flows/cafe/tests/run');
    expect(ran.status).toBe(200);
    expect(ran.body.results.map((r) => [r.name, r.passed])).toEqual([
      ['a customer asks for the opening hours', true],
      ['a customer goes back to the menu for the address', true],
      ['hours on Sunday', false],
    ]);
    expect(ran.body.results[2]?.failure).toMatchObject({ step: 3, what: 'expect "closed on Sundays"' });
    expect(ran.body.results[2]?.failure?.actual).toContain("We're open Monday to Friday");

    const refused = await api.post<ErrorBody>('/api/flows/cafe/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('test "hours on Sunday" failed at step 3 (expect "closed on Sundays")');
    expect(refused.body.error.message).toContain('got "We\'re open Monday to Friday');
    expect(refused.body.error.problems).toContainEqual(expect.objectContaining({ code: 'test-failed', field: 'tests[2]' }));
    expect((await api.get<{ publishedVersion?: number }>('/api/flows/cafe')).body.publishedVersion).toBeUndefined();

    const fixed = {
      ...wrong,
      tests: [...(welcome.tests ?? []), { ...sunday, steps: [...sunday.steps.slice(0, 2), { expect: 'weekends 8:00' }] }],
    };
    expect((await api.put('/api/flows/cafe', { draft: fixed })).status).toBe(200);
    expect((await api.post('/api/flows/cafe/publish')).status).toBe(201);
    expect((await api.post('/api/flows/cafe/default')).status).toBe(204);

    // What the test promised is what a customer gets.
    expect((await postWebhook(server.url, whatsappText({ from: CUSTOMER, text: 'hi', id: 'wamid.flow-test-1', name: 'Ana' }))).status).toBe(
      200,
    );
    const said = await eventually(
      async () => {
        const texts = graph
          .delivered()
          .filter((r) => r.body.to === CUSTOMER)
          .map((r) => JSON.stringify(r.body));
        return texts.length >= 2 ? texts : undefined;
      },
      10_000,
      'the welcome and the menu',
    );
    expect(said[0]).toContain('Hi Ana! 👋 Welcome to Casa Verde Coffee.');
    expect(said[1]).toContain('What can we do for you today?');
  });

  it('says why a draft with errors cannot run its tests', async () => {
    const broken = { ...welcome, id: 'broken', start: 'nowhere' };
    expect((await api.post('/api/flows/import', broken)).status).toBe(201);
    const ran = await api.post<ErrorBody>('/api/flows/broken/tests/run');
    expect(ran.status).toBe(422);
    expect(ran.body.error.problems).toContainEqual(expect.objectContaining({ field: 'start' }));
    expect((await api.post('/api/flows/nobody/tests/run')).status).toBe(404);
  });
});
