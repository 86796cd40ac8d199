import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaFile } from '@chatflow/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_SECRET, CUSTOMER, PHONE_NUMBER_ID, received, until } from '../server/harness';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { inboundWebhook, postRawWebhook, signWebhook } from '../support/whatsapp-webhooks';
import { voiceEchoFlow } from './media-flow';

const TOKEN = 'channel-token';
let graph: FakeGraphApi;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  await graph?.close();
  server = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  graph = await startFakeGraphApi();
  server = await startServer({
    env: { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_ACCESS_TOKEN: TOKEN, WHATSAPP_GRAPH_URL: graph.url, ...env },
    app: process.env.DEBUG_MEDIA ? { log: { write: (line) => console.log(line) } } : {},
  });
  const imported = (await (await api('POST', '/flows/import', voiceEchoFlow)).json()) as { id: string };
  expect((await api('POST', `/flows/${imported.id}/publish`)).status).toBe(201);
  expect((await api('POST', `/flows/${imported.id}/default`)).status).toBe(204);
  // The customer opens the conversation; the flow asks for a voice note.
  await post({ type: 'text', text: { body: 'hi' } });
  await until(() => received(graph).includes('Send me a voice note'));
  return server;
}

function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server?.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${server?.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

let sequence = 0;
/** A signed webhook with one customer message; resolves with the webhook's answer. */
function post(message: Record<string, unknown>): Promise<Response> {
  sequence += 1;
  const body = JSON.stringify(inboundWebhook({ id: `wamid.media-${sequence}`, from: CUSTOMER, phoneNumberId: PHONE_NUMBER_ID, message }));
  return postRawWebhook(String(server?.url), body, signWebhook(body, APP_SECRET));
}

/** A voice note the fake Graph API holds, by its media id. */
const postVoiceNote = (mediaId: string) =>
  post({ type: 'audio', audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true } });

async function conversation(): Promise<{
  id: string;
  contactId: string;
  vars: Record<string, unknown>;
  messages: Record<string, unknown>[];
}> {
  const [first] = (await (await api('GET', '/conversations')).json()) as { id: string }[];
  return (await api('GET', `/conversations/${first?.id}`)).json() as never;
}

const voiceBytes = Buffer.from(`OggS${'opus voice note '.repeat(400)}`);
const sentAudio = () => graph.delivered().filter((r) => r.body.type === 'audio');
const storedFiles = async (dataDir: string) => {
  const folders = await readdir(join(dataDir, 'media')).catch(() => [] as string[]);
  const files = await Promise.all(folders.map((f) => readdir(join(dataDir, 'media', f))));
  return files.flat();
};

describe('media in and out through the whole server', () => {
  it('stores a customer’s voice note, serves it on its signed link, and sends it back uploaded once', async () => {
    await start();
    const mediaId = graph.media.add(voiceBytes, 'audio/ogg; codecs=opus');
    const answer = await postVoiceNote(mediaId);
    expect(answer.status).toBe(200);
    await until(() => sentAudio().length === 1);

    // Resolved and downloaded with the channel's token, from the URL the lookup gave.
    expect(graph.media.lookups).toEqual([{ mediaId, authorization: `Bearer ${TOKEN}` }]);
    expect(graph.media.downloads).toEqual([{ mediaId, authorization: `Bearer ${TOKEN}` }]);
    const voice = (await conversation()).vars.voice as MediaFile;
    expect(voice).toMatchObject({ mimeType: 'audio/ogg; codecs=opus', size: voiceBytes.length });
    expect(voice.sha256).toMatch(/^[0-9a-f]{64}$/);

    const link = await fetch(voice.url);
    expect(link.status).toBe(200);
    expect(link.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
    expect(link.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await link.arrayBuffer()).equals(voiceBytes)).toBe(true);
    const forged = new URL(voice.url);
    forged.searchParams.set('exp', String(Number(forged.searchParams.get('exp')) + 60));
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(voice.url.replace(voice.id, 'f'.repeat(32)))).status).toBe(403);

    // Uploaded once as multipart, then sent by the id the upload returned.
    expect(graph.media.uploads).toHaveLength(1);
    const [upload] = graph.media.uploads;
    expect(upload).toMatchObject({
      phoneNumberId: PHONE_NUMBER_ID,
      type: 'audio/ogg',
      fileType: 'audio/ogg',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(upload?.bytes.equals(voiceBytes)).toBe(true);
    expect(sentAudio()[0]?.body.audio).toEqual({ id: upload?.id });

    // The same recording again: a new media id from Meta, the same file, nothing uploaded.
    await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg; codecs=opus'));
    await until(() => sentAudio().length === 2);
    expect(graph.media.uploads).toHaveLength(1);
    expect(sentAudio()[1]?.body.audio).toEqual({ id: upload?.id });

    // Meta forgot the upload (30 days on): the send is refused with 131053 and the file goes up again.
    graph.media.expireUploads();
    await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg; codecs=opus'));
    await until(() => graph.delivered().filter((r) => r.body.type === 'audio').length === 3);
    expect(graph.media.uploads).toHaveLength(2);
    expect(sentAudio()[2]?.body.audio).toEqual({ id: graph.media.uploads[1]?.id });
  });

  it('answers the webhook before the download, and other customers meanwhile', async () => {
    await start();
    const started = Date.now();
    const answer = await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg', { delayMs: 1500 }));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    // Another customer's text conversation goes on while the download waits.
    sequence += 1;
    const other = JSON.stringify(
      inboundWebhook({
        id: `wamid.other-${sequence}`,
        from: '4915112345678',
        phoneNumberId: PHONE_NUMBER_ID,
        message: { type: 'text', text: { body: 'hi' } },
      }),
    );
    await postRawWebhook(String(server?.url), other, signWebhook(other, APP_SECRET));
    await until(() => received(graph, '4915112345678').includes('Send me a voice note'));
    expect(sentAudio()).toHaveLength(0);
    await until(() => sentAudio().length === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('refuses a file whose sha256 differs from Meta’s, and one over WhatsApp’s size limit, storing nothing', async () => {
    const { dataDir } = await start();
    await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg', { sha256: Buffer.alloc(32, 7).toString('base64') }));
    await until(() => received(graph).includes('Please send an audio message.'));
    // Announced too big: not even downloaded.
    const big = graph.media.add(Buffer.alloc(10), 'audio/ogg', { fileSize: 17 * 1024 * 1024 });
    await postVoiceNote(big);
    await until(() => received(graph).filter((t) => t === 'Please send an audio message.').length === 2);
    // Announced small, but more than 16 MB arrive: the download stops at the limit.
    const liar = graph.media.add(Buffer.alloc(16 * 1024 * 1024 + 1), 'audio/ogg', { fileSize: 1000 });
    await postVoiceNote(liar);
    await until(() => received(graph).filter((t) => t === 'Please send an audio message.').length === 3);

    expect(graph.media.downloads.map((d) => d.mediaId)).not.toContain(big);
    expect(sentAudio()).toHaveLength(0);
    expect(await storedFiles(dataDir)).toEqual([]);
    const errors = (await conversation()).messages.flatMap((m) => {
      const message = m.message as { kind: string; error?: string };
      return m.direction === 'in' && message.error ? [message.error] : [];
    });
    expect(errors).toEqual([
      'the downloaded file does not match the sha256 WhatsApp gave for it',
      "the file is larger than WhatsApp's 16 MB limit for it",
      "the file is larger than WhatsApp's 16 MB limit for it",
    ]);
  });

  it('refuses to send a file WhatsApp does not take, with the reason on the message', async () => {
    await start();
    await postVoiceNote(graph.media.add(Buffer.from('RIFF....WAVE'), 'audio/wav'));
    await until(async () => (await conversation()).messages.some((m) => m.status === 'failed'));
    const failed = (await conversation()).messages.find((m) => m.status === 'failed');
    expect(failed?.error).toMatchObject({ reason: expect.stringContaining('WhatsApp does not take audio/wav as audio') });
    expect(graph.media.uploads).toHaveLength(0);
  });

  it('deletes the stored file with the contact’s data', async () => {
    const { dataDir } = await start();
    await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg'));
    await until(() => sentAudio().length === 1);
    const { contactId, vars } = await conversation();
    expect(await storedFiles(dataDir)).toHaveLength(1);
    expect((await api('DELETE', `/contacts/${contactId}`)).status).toBe(204);
    expect(await storedFiles(dataDir)).toEqual([]);
    expect((await fetch((vars.voice as MediaFile).url)).status).toBe(404);
  });

  it('sweeps files older than MEDIA_RETENTION_HOURS', async () => {
    const { dataDir } = await start({ MEDIA_RETENTION_HOURS: '0.0005' }); // 1.8 s
    await postVoiceNote(graph.media.add(voiceBytes, 'audio/ogg'));
    await until(() => sentAudio().length === 1);
    expect(await storedFiles(dataDir)).toHaveLength(1);
    await until(async () => (await storedFiles(dataDir)).length === 0, 8000);
  });
});
