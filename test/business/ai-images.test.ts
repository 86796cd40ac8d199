import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../api/api-client';
import type { RecordedRequest } from '../support/fake-anthropic-api';
import { inboundWebhook } from '../support/whatsapp-webhooks';
import { type BusinessWorld, eventually, flowOf, PHONE_NUMBER_ID, startBusinessWorld } from './business-fixtures';

const photoFlow = flowOf(
  'photo-assistant',
  'welcome',
  [
    { id: 'welcome', type: 'message', data: { text: 'Welcome to the repair shop!' } },
    {
      id: 'assistant',
      type: 'ai',
      data: {
        systemPrompt: 'You help customers of a phone repair shop judge the damage on their phone.',
        model: 'claude-haiku-4-5',
        tools: [],
        outcomes: [],
        errorText: 'Our assistant is resting.',
      },
    },
  ],
  ['welcome:next -> assistant'],
);

const isMemoryCall = (request: RecordedRequest) => String(request.body.system).startsWith('You keep the memory');
const MB = 1024 * 1024;
const customer = '351911000077';

describe('the AI node sees the customer’s photos', () => {
  let world: BusinessWorld;
  let sequence = 0;
  beforeAll(async () => {
    world = await startBusinessWorld();
    await world.useFlow(photoFlow);
    world.anthropic.setFallback((request) =>
      isMemoryCall(request)
        ? { text: JSON.stringify({ summary: 'A broken phone.', name: null, preferences: [] }) }
        : { text: 'I see, let me help.' },
    );
  });
  afterAll(async () => {
    await world.close();
  });

  const nodeRequests = () => world.anthropic.requests.filter((request) => !isMemoryCall(request));
  /** A customer's media message through the signed webhook; resolves once Claude was asked about it. */
  async function send(message: Record<string, unknown>): Promise<RecordedRequest> {
    sequence += 1;
    const before = nodeRequests().length;
    const body = inboundWebhook({ id: `wamid.photo-${sequence}`, from: customer, phoneNumberId: PHONE_NUMBER_ID, message });
    expect((await postWebhook(world.server.url, body)).status).toBe(200);
    return eventually(async () => nodeRequests()[before], 15_000, 'the AI node’s request');
  }
  const lastTurn = (request: RecordedRequest) => request.body.messages.at(-1)?.content;

  it('sends a photo as a base64 image block, a voice note and an oversize photo as notes', async () => {
    await world.say(customer, 'hi');
    await eventually(async () => world.sentTo(customer)[0], 15_000, 'the welcome');

    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('cracked screen '.repeat(300))]);
    const photoId = world.graph.media.add(photo, 'image/jpeg');
    const withPhoto = await send({ type: 'image', image: { id: photoId, mime_type: 'image/jpeg', caption: 'my screen broke' } });
    expect(lastTurn(withPhoto)).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: photo.toString('base64') } },
      { type: 'text', text: 'my screen broke' },
    ]);
    // Customer content never goes into the system prompt.
    expect(JSON.stringify(withPhoto.body.system)).not.toContain('my screen broke');

    const voiceId = world.graph.media.add(Buffer.from(`OggS${'voice '.repeat(200)}`), 'audio/ogg; codecs=opus');
    const withVoice = await send({ type: 'audio', audio: { id: voiceId, mime_type: 'audio/ogg; codecs=opus', voice: true } });
    expect(lastTurn(withVoice)).toEqual([
      { type: 'text', text: '[the customer sent a voice note]' },
      { type: 'text', text: '[audio]' },
    ]);
    // The photo is still in the history window, so the model sees it again.
    expect(JSON.stringify(withVoice.body.messages)).toContain(photo.toString('base64'));

    const bigPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(6 * MB, 7)]);
    const bigId = world.graph.media.add(bigPng, 'image/png');
    const withBig = await send({ type: 'image', image: { id: bigId, mime_type: 'image/png' } });
    expect(lastTurn(withBig)).toEqual([
      { type: 'text', text: '[the customer sent a photo that could not be downloaded]' },
      { type: 'text', text: '[image]' },
    ]);
    expect(JSON.stringify(withBig.body.messages)).not.toContain(bigPng.subarray(0, 3000).toString('base64'));
    expect(world.sentTo(customer).at(-1)).toBe('I see, let me help.');
  });

  it('shows a photo sent in the builder’s test chat to Claude too', async () => {
    const post = (path: string, body: unknown, type = 'application/json') =>
      fetch(`${world.server.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.server.adminToken}`, 'content-type': type },
        body: type === 'application/json' ? JSON.stringify(body) : new Uint8Array(body as Buffer),
      });
    const created = (await (await post('/simulator/sessions', { document: photoFlow })).json()) as { sessionId: string };
    const before = nodeRequests().length;
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('dented back '.repeat(200))]);
    const sent = await post(`/simulator/sessions/${created.sessionId}/media?caption=${encodeURIComponent('the back')}`, photo, 'image/png');
    expect(sent.status).toBe(202);
    const request = await eventually(async () => nodeRequests()[before], 15_000, 'the test chat’s AI request');
    expect(lastTurn(request)).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: photo.toString('base64') } },
      { type: 'text', text: 'the back' },
    ]);
  });
});
