import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, apiClient, eventually, postWebhook, whatsappText } from './api-client';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, unknown> };
}

describe('health, metrics and the OpenAPI document', () => {
  let server: TestServer;
  let graph: FakeGraphApi;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
    });
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  it('reports health with each store checked', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { documents: 'ok', sessions: 'ok' } });
  });

  it('exposes Prometheus metrics for the webhook, messages both ways and the queue', async () => {
    expect((await postWebhook(server.url, whatsappText({ from: '15551230000', text: 'hi', id: 'wamid.metrics-1' }))).status).toBe(200);
    expect((await postWebhook(server.url, { object: 'whatsapp_business_account' }, 'a-wrong-secret')).status).toBe(401);
    await eventually(async () => (graph.delivered().length >= 2 ? true : undefined));
    graph.failNext(1, 'invalid-parameter');
    expect((await postWebhook(server.url, whatsappText({ from: '15551230000', text: '1', id: 'wamid.metrics-2' }))).status).toBe(200);

    const text = await eventually(async () => {
      const body = await (await fetch(`${server.url}/metrics`)).text();
      return body.includes('chatflow_send_failures_total{channel="whatsapp",code="100"} 1') ? body : undefined;
    });
    expect(text).toContain('chatflow_webhook_requests_total{method="POST",status="200"} 2');
    expect(text).toContain('chatflow_webhook_requests_total{method="POST",status="401"} 1');
    expect(text).toMatch(/chatflow_webhook_ack_seconds_bucket\{le="[0-9.]+",method="POST"\} \d+/);
    expect(text).toContain('chatflow_webhook_ack_seconds_count{method="POST"} 3');
    expect(text).toContain('chatflow_messages_in_total{channel="whatsapp"} 2');
    expect(text).toMatch(/chatflow_messages_out_total\{channel="whatsapp",result="sent"\} [2-9]/);
    expect(text).toMatch(/chatflow_queue_depth \d+/);
    expect(text).toContain('chatflow_process_cpu_seconds_total');
  });

  it('describes every API route in an OpenAPI 3.1 document whose references all resolve', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/flows',
        'GET /api/secrets',
        'PUT /api/secrets/{name}',
        'DELETE /api/secrets/{name}',
        'POST /api/flows',
        'GET /api/flows/{id}',
        'PUT /api/flows/{id}',
        'DELETE /api/flows/{id}',
        'POST /api/flows/validate',
        'POST /api/flows/{id}/publish',
        'GET /api/flows/{id}/versions',
        'GET /api/flows/{id}/versions/{version}',
        'GET /api/flows/{id}/export',
        'POST /api/flows/import',
        'POST /api/flows/{id}/default',
        'POST /api/simulator/sessions',
        'GET /api/simulator/sessions/{id}/events',
        'POST /api/simulator/sessions/{id}/messages',
        'POST /api/simulator/sessions/{id}/timers/fire',
        'POST /api/simulator/sessions/{id}/restart',
        'GET /api/conversations',
        'GET /api/conversations/{id}',
        'GET /api/contacts/{id}',
        'GET /api/contacts/{id}/export',
        'DELETE /api/contacts/{id}',
        'GET /api/channels',
        'POST /api/channels',
        'DELETE /api/channels/{id}',
      ]),
    );
    // Every documented route is served: none answers "no route".
    const api = apiClient(server.url, server.adminToken);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      if (path.endsWith('/events')) continue;
      const answer = await fetch(`${server.url}${path.replace(/\{[^}]+\}/g, 'x')}`, {
        method,
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
      });
      const body = (await answer.text()) || '{}';
      expect(body, route).not.toContain('no route');
    }
    expect((await api.get<{ error: { message: string } }>('/api/nothing-here')).body.error.message).toContain('no route');

    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
    expect(doc.paths['/api/flows/{id}/publish']?.post?.responses).toHaveProperty('422');
    expect(doc.paths['/api/conversations']?.get?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'contactId']));
  });
});
