import type { FlowDocument, MediaFile } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type LocalService, startLocalService } from '../support/local-service';
import { startServer, type TestServer } from '../support/start-server';
import { inboundWebhook, postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { APP_SECRET, CUSTOMER, PHONE_NUMBER_ID, received, until } from './harness';

const at = { x: 0, y: 0 };

/** Voice note in → the processing service as a multipart file → its audio back, answers cached a day. */
const cleanerFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'voice-cleaner',
  name: 'Voice cleaner',
  start: 'ask',
  variables: [{ name: 'voice', type: 'object' }],
  nodes: [
    {
      id: 'ask',
      type: 'question',
      version: 1,
      position: at,
      data: { text: 'Send me a voice note', variable: 'voice', answerType: 'media', mediaTypes: ['audio'] },
    },
    {
      id: 'clean',
      type: 'http',
      version: 1,
      position: at,
      data: {
        method: 'POST',
        url: 'PLACEHOLDER/clean',
        headers: [{ name: 'X-Job', value: 'denoise' }],
        bodyFormat: 'multipart',
        parts: [
          { name: 'file', media: '{{voice}}' },
          { name: 'language', value: 'en' },
        ],
        responseMedia: 'cleaned',
        cacheHours: 24,
        timeoutSeconds: 10,
      },
    },
    {
      id: 'reply',
      type: 'message',
      version: 1,
      position: at,
      data: { text: 'Here it is, cleaned', messages: [{ type: 'audio', media: '{{cleaned}}' }] },
    },
    { id: 'sorry', type: 'end', version: 1, position: at, data: { text: 'The cleaner is not available.' } },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'clean' },
    { id: 'e2', source: 'clean', sourceHandle: 'next', target: 'reply' },
    { id: 'e3', source: 'clean', sourceHandle: 'error', target: 'sorry' },
    { id: 'e4', source: 'reply', sourceHandle: 'next', target: 'ask' },
  ],
};

const voiceBytes = Buffer.from(`OggS${'a noisy voice note '.repeat(300)}`);
const cleanedBytes = Buffer.from(`ID3${'clean audio '.repeat(500)}`);

let cleaner: LocalService;
let graph: FakeGraphApi;
let server: TestServer;
beforeAll(async () => {
  cleaner = await startLocalService((_, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(cleanedBytes.length) });
    res.end(cleanedBytes);
  });
  graph = await startFakeGraphApi();
  server = await startServer({
    env: {
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_GRAPH_URL: graph.url,
      HTTP_NODE_ALLOW_HOSTS: `127.0.0.1:${cleaner.port}`,
    },
    app: { examplesDir: '/nonexistent' },
  });
  const flow = JSON.parse(JSON.stringify(cleanerFlow).replace('PLACEHOLDER', cleaner.url)) as FlowDocument;
  const imported = await api('POST', '/flows/import', flow);
  const { id } = (await imported.json()) as { id: string };
  expect((await api('POST', `/flows/${id}/publish`)).status).toBe(201);
  expect((await api('POST', `/flows/${id}/default`)).status).toBe(204);
});
afterAll(async () => {
  await server.stop();
  await graph.close();
  await cleaner.close();
});

function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

let sequence = 0;
function post(message: Record<string, unknown>): Promise<Response> {
  sequence += 1;
  const body = JSON.stringify(inboundWebhook({ id: `wamid.clean-${sequence}`, from: CUSTOMER, phoneNumberId: PHONE_NUMBER_ID, message }));
  return postRawWebhook(server.url, body, signWebhook(body, APP_SECRET));
}

const sentAudio = () => graph.delivered().filter((r) => r.body.type === 'audio');

async function conversationVars(): Promise<Record<string, unknown>> {
  const [first] = (await (await api('GET', '/conversations?limit=1')).json()) as { id: string }[];
  return ((await (await api('GET', `/conversations/${first?.id}`)).json()) as { vars: Record<string, unknown> }).vars;
}

describe('the http node with media', () => {
  it('sends a voice note as a multipart file, keeps the audio answer as a media variable, and answers the same note from the cache', async () => {
    await post({ type: 'text', text: { body: 'hi' } });
    await until(() => received(graph).includes('Send me a voice note'));

    const first = graph.media.add(voiceBytes, 'audio/ogg; codecs=opus');
    await post({ type: 'audio', audio: { id: first, mime_type: 'audio/ogg; codecs=opus', voice: true } });
    await until(() => sentAudio().length === 1);

    // The service got the voice note as a multipart file part, beside the text part and the header.
    expect(cleaner.requests).toHaveLength(1);
    const [call] = cleaner.requests;
    expect(call?.headers['x-job']).toBe('denoise');
    const form = await new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': String(call?.headers['content-type']) },
      body: new Uint8Array(call?.body ?? []),
    }).formData();
    const file = form.get('file') as File;
    expect(file.type).toBe('audio/ogg; codecs=opus');
    expect(file.name).toMatch(/\.ogg$/);
    expect(Buffer.from(await file.arrayBuffer()).equals(voiceBytes)).toBe(true);
    expect(form.get('language')).toBe('en');

    // The answer is a stored media variable, reachable on its signed link, and went back to the customer.
    const cleaned = (await conversationVars()).cleaned as MediaFile;
    expect(cleaned).toMatchObject({ mimeType: 'audio/mpeg', size: cleanedBytes.length });
    const link = await fetch(cleaned.url);
    expect(Buffer.from(await link.arrayBuffer()).equals(cleanedBytes)).toBe(true);
    expect(graph.media.uploads).toHaveLength(1);
    expect(graph.media.uploads[0]?.bytes.equals(cleanedBytes)).toBe(true);
    expect(sentAudio()[0]?.body.audio).toEqual({ id: graph.media.uploads[0]?.id });

    // The same recording again (a new media id from Meta): no call to the service, nothing uploaded anew.
    await until(() => received(graph).filter((line) => line === 'Send me a voice note').length === 2);
    const again = graph.media.add(voiceBytes, 'audio/ogg; codecs=opus');
    await post({ type: 'audio', audio: { id: again, mime_type: 'audio/ogg; codecs=opus', voice: true } });
    await until(() => sentAudio().length === 2);
    expect(cleaner.requests).toHaveLength(1);
    expect(graph.media.uploads).toHaveLength(1);
    expect(sentAudio()[1]?.body.audio).toEqual({ id: graph.media.uploads[0]?.id });
    expect(((await conversationVars()).cleaned as MediaFile).sha256).toBe(cleaned.sha256);
  });
});
