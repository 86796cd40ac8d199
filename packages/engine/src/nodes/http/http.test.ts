import { describe, expect, it } from 'vitest';
import type { HttpPort, HttpRequest, HttpResponse } from '../../runtime/ports';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';
import { buildRequest } from './build-request';
import { readPath } from './read-path';

const say = (id: string, text: string) => ({ id, type: 'message', position: { x: 0, y: 0 }, data: { text } });

const flow = (data: Record<string, unknown>) => ({
  schemaVersion: 1,
  id: 'http-test',
  name: 'HTTP test',
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'question', position: { x: 0, y: 0 }, data: { text: 'Order number?', variable: 'order_id' } },
    { id: 'call', type: 'http', position: { x: 0, y: 0 }, data: { url: 'https://shop.example/orders/{{order_id}}', ...data } },
    say('ok', 'Your {{item}} is {{state}}'),
    say('failed', 'We could not check (status {{status}})'),
  ],
  edges: [
    { id: 'e1', source: 'ask', target: 'call' },
    { id: 'e2', source: 'call', sourceHandle: 'next', target: 'ok' },
    { id: 'e3', source: 'call', sourceHandle: 'error', target: 'failed' },
  ],
});

/** An HTTP port that answers from a function and records every request. */
function fakeHttp(answer: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>): HttpPort & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    request: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
}

const mapping = [
  { variable: 'state', path: 'data.status' },
  { variable: 'item', path: 'data.items[0].name' },
  { variable: 'missing', path: 'data.nothing.here' },
];

describe('http', () => {
  it('calls the API through the host port and saves parts of the answer', async () => {
    const http = fakeHttp(() => ({ status: 200, headers: {}, body: { data: { status: 'shipped', items: [{ name: 'Lamp' }] } } }));
    const { steps, last } = await runScript(flow({ responseMapping: mapping, statusVariable: 'status' }), ['A/17 b'], { ports: { http } });
    expect(http.requests).toEqual([{ method: 'GET', url: 'https://shop.example/orders/A%2F17%20b', headers: {}, timeoutMs: 10_000 }]);
    expect(botLines(steps)).toEqual(['Order number?', 'Your Lamp is shipped']);
    expect(last.vars).toMatchObject({ state: 'shipped', item: 'Lamp', missing: null, status: 200 });
  });

  it('sends a JSON body with variables escaped inside strings and written as JSON outside', async () => {
    const http = fakeHttp(() => ({ status: 201, headers: {}, body: '{"id": 9}' }));
    const body = '{ "order": "{{order_id}}", "count": {{count}}, "who": {{contact.name}} }';
    const { last } = await runScript(
      flow({
        method: 'POST',
        body,
        headers: [{ name: 'Authorization', value: 'Bearer abc' }],
        responseMapping: [{ variable: 'state', path: 'id' }],
      }),
      ['say "hi"'],
      { ports: { http } },
    );
    const sent = http.requests[0];
    expect(sent?.headers).toEqual({ Authorization: 'Bearer abc', 'Content-Type': 'application/json' });
    expect(JSON.parse(sent?.body ?? '')).toEqual({ order: 'say "hi"', count: null, who: 'Ana' });
    expect(last.vars.state).toBe(9);
  });

  it('leaves by the error exit on a non-2xx status, saving the status', async () => {
    const http = fakeHttp(() => ({ status: 404, headers: {}, body: { error: 'not found' } }));
    const { steps, last } = await runScript(flow({ responseMapping: mapping, statusVariable: 'status' }), ['17'], { ports: { http } });
    expect(botLines(steps).at(-1)).toBe('We could not check (status 404)');
    expect(last.vars.state).toBeUndefined();
  });

  it('leaves by the error exit on a timeout or network failure', async () => {
    const http = fakeHttp(() => {
      throw new Error('timed out after 2000 ms');
    });
    const { steps, last } = await runScript(flow({ timeoutSeconds: 2, statusVariable: 'status' }), ['17'], { ports: { http } });
    expect(http.requests[0]?.timeoutMs).toBe(2000);
    expect(botLines(steps).at(-1)).toBe('We could not check (status )');
    expect(last.vars.status).toBe(null);
    expect(last.status).toBe('done');
  });

  it('leaves by the error exit when the host has no HTTP port', async () => {
    const { steps } = await runScript(flow({}), ['17']);
    expect(botLines(steps).at(-1)).toBe('We could not check (status )');
  });

  it('names node and field for a bad URL, a bad JSON body and a bad path', () => {
    const problems = (data: Record<string, unknown>) => validateFlow(flow(data), builtins).problems.filter((p) => p.nodeId === 'call');
    expect(problems({ url: 'shop.example/orders' })).toContainEqual(expect.objectContaining({ severity: 'error', field: 'data.url' }));
    expect(problems({ url: '{{base_url}}/orders' }).filter((p) => p.code === 'check')).toEqual([]);
    expect(problems({ method: 'POST', body: '{ "a": {{x}} ' })).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'data.body', message: expect.stringContaining('not valid JSON') }),
    );
    expect(problems({ method: 'GET', body: '{}' })).toContainEqual(expect.objectContaining({ severity: 'warning', field: 'data.body' }));
    expect(problems({ responseMapping: [{ variable: 'x', path: 'items[0' }] })).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'data.responseMapping[0].path' }),
    );
    expect(problems({ method: 'FETCH' })).toContainEqual(expect.objectContaining({ severity: 'error', field: 'data.method' }));
  });
});

describe('{{secrets.NAME}}', () => {
  const data = {
    method: 'POST',
    url: 'https://shop.example/orders/{{order_id}}?key={{secrets.SHOP_KEY}}',
    headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.SHOP_KEY }}' }],
    body: '{ "order": "{{order_id}}", "key": "{{secrets.SHOP_KEY}}" }',
  };

  it('is left for the host to fill, so no secret value is ever in the engine', () => {
    const request = buildRequest(
      { method: 'POST', url: data.url, headers: data.headers, body: data.body, bodyFormat: 'json', timeoutMs: 1000 },
      { vars: { order_id: 'A 1' } } as never,
    );
    expect(request.url).toBe('https://shop.example/orders/A%201?key={{secrets.SHOP_KEY}}');
    expect(request.headers.Authorization).toBe('Bearer {{ secrets.SHOP_KEY }}');
    expect(request.body).toBe('{ "order": "A 1", "key": "{{secrets.SHOP_KEY}}" }');
  });

  it('is not an unset variable; a name that could never be a secret is a warning', () => {
    const problems = (d: Record<string, unknown>) => validateFlow(flow(d), builtins).problems.filter((p) => p.nodeId === 'call');
    expect(problems(data).filter((p) => p.code === 'unset-variable' || p.code === 'secret-name')).toEqual([]);
    expect(problems({ ...data, url: 'https://shop.example/?key={{secrets.shop_key}}' })).toContainEqual(
      expect.objectContaining({ code: 'secret-name', field: 'data.url' }),
    );
  });
});

describe('files to and from services', () => {
  const voice = { id: 'm1', mimeType: 'audio/ogg', size: 3, sha256: 'ab'.repeat(32), url: 'https://bot.example/media/m1' };
  const cleaned = { id: 'm2', mimeType: 'audio/mpeg', size: 5, sha256: 'cd'.repeat(32), url: 'https://bot.example/media/m2' };
  const mediaFlow = (data: Record<string, unknown>) => ({
    ...flow({
      method: 'POST',
      url: 'https://audio.example/clean',
      bodyFormat: 'multipart',
      parts: [
        { name: 'file', media: '{{voice}}' },
        { name: 'order', value: '{{order_id}}' },
      ],
      responseMedia: 'cleaned',
      cacheHours: 24,
      ...data,
    }),
    variables: [{ name: 'voice', type: 'string' }],
  });

  it('sends a media variable as a multipart part and saves a file answer as a media variable', async () => {
    const http = fakeHttp(() => ({ status: 200, headers: { 'content-type': 'audio/mpeg' }, body: undefined, media: cleaned }));
    const { steps, last } = await runScript(mediaFlow({}), ['A1'], { ports: { http }, vars: { voice } });
    expect(http.requests).toEqual([
      {
        method: 'POST',
        url: 'https://audio.example/clean',
        headers: {},
        parts: [
          { name: 'file', media: voice },
          { name: 'order', value: 'A1' },
        ],
        timeoutMs: 10_000,
        responseMedia: true,
        cacheHours: 24,
      },
    ]);
    expect(last.vars.cleaned).toEqual(cleaned);
    expect(botLines(steps).at(-1)).toMatch(/^Your/);
  });

  it('leaves by error when the media variable holds no file, or the answer is not a file', async () => {
    const http = fakeHttp(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }));
    const none = await runScript(mediaFlow({}), ['A1'], { ports: { http } });
    expect(http.requests).toEqual([]);
    expect(none.steps.flatMap((s) => s.effects)).toContainEqual(
      expect.objectContaining({ type: 'node.failed', nodeId: 'call', reason: 'part "file": {{voice}} holds no media file' }),
    );
    const text = await runScript(mediaFlow({}), ['A1'], { ports: { http }, vars: { voice } });
    expect(text.steps.flatMap((s) => s.effects)).toContainEqual(
      expect.objectContaining({ type: 'node.failed', reason: 'the answer is not a file (application/json)' }),
    );
    expect(text.last.vars.cleaned).toBeUndefined();
  });

  it('names node and field for parts that cannot be sent', () => {
    const problems = (data: Record<string, unknown>) =>
      validateFlow(mediaFlow(data), builtins).problems.filter((p) => p.nodeId === 'call' && p.code === 'check');
    expect(problems({})).toEqual([]);
    expect(problems({ parts: [] })).toContainEqual(expect.objectContaining({ severity: 'error', field: 'data.parts' }));
    expect(problems({ parts: [{ name: 'file', media: 'voice' }] })).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'data.parts[0].media', message: expect.stringContaining('{{voice}}') }),
    );
    expect(problems({ parts: [{ name: 'file', value: 'x', media: '{{voice}}' }] })).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'data.parts[0]' }),
    );
    expect(problems({ bodyFormat: 'json', body: '{}' })).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'data.parts' }),
    );
  });
});

describe('building the request', () => {
  const scope = { contact: { id: 'c1', name: 'Ana' }, vars: { base: 'https://api.example/v1', q: 'a&b=c', note: 'line\r\nX-Evil: 1' } };

  it('keeps a base URL at the start as it is and encodes the rest; strips line breaks from headers', () => {
    const request = buildRequest(
      {
        method: 'GET',
        url: '{{base}}/search?q={{q}}',
        headers: [{ name: 'X-Note', value: '{{note}}' }],
        bodyFormat: 'json',
        timeoutMs: 1000,
      },
      scope,
    );
    expect(request.url).toBe('https://api.example/v1/search?q=a%26b%3Dc');
    expect(request.headers).toEqual({ 'X-Note': 'line X-Evil: 1' });
  });

  it('encodes form bodies and never sends a body with GET', () => {
    const form = buildRequest({ method: 'POST', url: 'https://x', headers: [], body: 'q={{q}}', bodyFormat: 'form', timeoutMs: 1 }, scope);
    expect(form.body).toBe('q=a%26b%3Dc');
    expect(form.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(
      buildRequest({ method: 'GET', url: 'https://x', headers: [], body: 'q', bodyFormat: 'text', timeoutMs: 1 }, scope).body,
    ).toBeUndefined();
  });
});

describe('reading a path from the answer', () => {
  const body = { data: { items: [{ name: 'Lamp' }, { name: 'Desk' }] }, 'first-name': 'Ana' };
  it('follows names and indexes, and gives undefined for anything missing', () => {
    expect(readPath(body, 'data.items[1].name')).toBe('Desk');
    expect(readPath(body, 'data.items.0.name')).toBe('Lamp');
    expect(readPath(body, 'first-name')).toBe('Ana');
    expect(readPath(body, '')).toBe(body);
    expect(readPath([{ id: 1 }], '[0].id')).toBe(1);
    expect(readPath(body, 'data.items[5].name')).toBeUndefined();
    expect(readPath(body, 'data.constructor')).toBeUndefined();
    expect(readPath(body, 'data..items')).toBeUndefined();
  });
});
