import { readFileSync } from 'node:fs';
import type { Channel } from '@chatflow/server/src/conversation/channel';
import type { OutboundMessageRecord } from '@chatflow/server/src/records/message-repository';
import { createWhatsAppChannel } from '@chatflow/server/src/whatsapp/whatsapp-channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { supportFlow, templatedFlow } from './flows';
import { type Harness, PHONE_NUMBER_ID, received, startHarness, statusUpdate, storeKinds, text, until, WORKSPACE } from './harness';

const examples = new URL('../fixtures/whatsapp-examples/', import.meta.url);
const example = (name: string) => JSON.parse(readFileSync(new URL(name, examples), 'utf8')) as Record<string, unknown>;

let redis: RedisServer;
let harness: Harness | undefined;
let graph: FakeGraphApi | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await harness?.close();
  await graph?.close();
  harness = undefined;
  graph = undefined;
});

const outbound = async (h: Harness) =>
  (
    await h.documents
      .collection<OutboundMessageRecord>('outbound_messages')
      .find({ workspaceId: WORKSPACE }, { sort: { createdAt: 1, seq: 1 } })
  ).map((m) => [m.status, m.message.kind === 'text' ? m.message.text : m.message.kind, m.error?.code ?? m.error?.reason]);

describe('the WhatsApp channel speaks the Cloud API as in the reference examples', () => {
  const target = {
    workspaceId: WORKSPACE,
    channel: { kind: 'whatsapp' as const, phoneNumberId: PHONE_NUMBER_ID },
    address: '+16505551234',
  };

  it('sends text, list and template payloads identical to the reference, and buttons of the same shape', async () => {
    graph = await startFakeGraphApi();
    const channel = createWhatsAppChannel({ graphUrl: graph.url, accessToken: () => 'token' });
    const inWindow = { ...target, lastInboundAt: Date.now() };
    const sent = [
      await channel.send(
        inWindow,
        { kind: 'text', text: "As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/" },
        'k1',
      ),
      await channel.send(
        inWindow,
        {
          kind: 'menu',
          style: 'list',
          header: 'Choose Shipping Option',
          text: 'Which shipping option do you prefer?',
          footer: 'Lucky Shrub: Your gateway to succulents™',
          button: 'Shipping Options',
          options: [
            { id: 'priority_express', label: 'Priority Mail Express', description: 'Next Day to 2 Days', section: 'I want it ASAP!' },
            { id: 'priority_mail', label: 'Priority Mail', description: '1–3 Days', section: 'I want it ASAP!' },
            { id: 'usps_ground_advantage', label: 'USPS Ground Advantage', description: '2–5 Days', section: 'I can wait a bit' },
            { id: 'media_mail', label: 'Media Mail', description: '2–8 Days', section: 'I can wait a bit' },
          ],
        },
        'k2',
      ),
      await channel.send(
        target,
        { kind: 'template', name: 'order_confirmation', language: 'en_US', params: ['Jessica', 'SKBUP2-4CPIG9'] },
        'k3',
      ),
      await channel.send(
        inWindow,
        {
          kind: 'menu',
          style: 'auto',
          text: 'Hi Pablo! Your gardening workshop is scheduled for 9am tomorrow. Use the buttons if you need to reschedule. Thank you!',
          footer: 'Lucky Shrub: Your gateway to succulents!™',
          options: [
            { id: 'change-button', label: 'Change' },
            { id: 'cancel-button', label: 'Cancel' },
          ],
        },
        'k4',
      ),
    ];
    expect(sent.map((s) => s.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // Each message carries its idempotency key for Meta to echo in its statuses (the crash window).
    const keyed = graph.delivered().map(({ body: { biz_opaque_callback_data: key, ...body } }) => ({ key, body }));
    expect(keyed.map((k) => k.key)).toEqual(['k1', 'k2', 'k3', 'k4']);
    const bodies = keyed.map((k) => k.body);
    expect(bodies[0]).toEqual(example('outbound-text.json'));
    expect(bodies[1]).toEqual(example('outbound-interactive-list.json'));
    expect(bodies[2]).toEqual(example('outbound-template-positional-params.json'));
    const { header: _imageHeader, ...buttons } = example('outbound-interactive-buttons.json').interactive as Record<string, unknown>;
    expect(bodies[3]).toEqual({ ...example('outbound-interactive-buttons.json'), interactive: buttons });
    expect(graph.delivered().every((r) => r.authorization === 'Bearer token' && r.phoneNumberId === PHONE_NUMBER_ID)).toBe(true);
  });

  it('marks a message read with the typing indicator as in the reference', async () => {
    graph = await startFakeGraphApi();
    const channel = createWhatsAppChannel({ graphUrl: graph.url, accessToken: () => 'token' });
    const typing = example('outbound-typing-indicator.json');
    await channel.typing?.(target, typing.message_id as string);
    const [request] = graph.requests;
    expect(request?.body).toEqual(typing);
    // The typing indicator is the mark-as-read body plus the indicator.
    expect(request?.body).toMatchObject({ ...example('outbound-mark-as-read.json'), message_id: typing.message_id });
  });

  it('answers in the reference success and error shapes', async () => {
    graph = await startFakeGraphApi();
    const post = () =>
      fetch(`${graph?.url}/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '+16505551234',
          type: 'text',
          text: { body: 'x' },
        }),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const success = await post();
    expect(Object.keys(success)).toEqual(Object.keys(example('response-send-success.json')));
    expect((success.messages as { id: string }[])[0]?.id).toMatch(/^wamid\./);
    graph.failNext(1, 'throughput');
    const error = (await post()).error as Record<string, unknown>;
    const reference = example('response-error-130429.json').error as Record<string, unknown>;
    expect({ ...error, fbtrace_id: reference.fbtrace_id }).toEqual(reference);
  });

  it('does not attempt a plain message outside the 24-hour window', async () => {
    graph = await startFakeGraphApi();
    const channel = createWhatsAppChannel({ graphUrl: graph.url, accessToken: () => 'token' });
    const stale = { ...target, lastInboundAt: Date.now() - 25 * 60 * 60 * 1000 };
    expect(await channel.send(stale, { kind: 'text', text: 'late' }, 'k')).toEqual({ status: 'skipped', reason: 'outside-window' });
    expect(graph.requests).toEqual([]);
  });
});

describe.each(storeKinds(() => redis.url))('delivery through the pipeline (%s)', (_, store) => {
  it('retries rate limits and server errors with backoff and delivers each reply once', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    harness.graph.failNext(1, 'throughput');
    harness.graph.failNext(1, 'pair-rate');
    harness.graph.failNext(1, 'server');
    await harness.post(text('wamid.L1', 'hi'));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    const attempts = harness.graph.requests.filter((r) => r.kind === 'send').map((r) => ('code' in r.answer ? r.answer.code : 'ok'));
    expect(attempts).toEqual([130429, 131056, 1, 'ok', 'ok']);
    expect(await outbound(harness)).toEqual([
      ['sent', 'Hi Sheena Nelson!', undefined],
      ['sent', 'menu', undefined],
    ]);
  });

  it('records a rejected message as failed with its code, and one whose retries run out', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    harness.graph.failNext(1, 'invalid-parameter');
    harness.graph.failNext(4, 'server');
    await harness.post(text('wamid.F1', 'hi'));
    await harness.service.idle();
    expect(await outbound(harness)).toEqual([
      ['failed', 'Hi Sheena Nelson!', 100],
      ['failed', 'menu', 1],
    ]);
    const [conversation] = await harness.records.conversations.list(WORKSPACE);
    const visible = await harness.records.messages.forConversation(WORKSPACE, conversation?.id ?? '');
    expect(visible.filter((m) => m.direction === 'out').map((m) => m.direction === 'out' && m.error?.reason)).toEqual([
      '(#100) Invalid parameter: Parameter value is not valid.',
      'An unknown error occurred: Invalid request or possible server error.',
    ]);
  });

  it('falls back to the flow’s template when Graph answers 131047, once per turn', async () => {
    harness = await startHarness(store(), { flows: [templatedFlow] });
    harness.graph.failNext(1, 'outside-window');
    await harness.post(text('wamid.W1', 'hi'));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['[button] How can we help?', '[template] follow_up']);
    expect(await outbound(harness)).toEqual([
      ['skipped', 'Hi Sheena Nelson!', 'outside-window'],
      ['sent', 'menu', undefined],
      ['sent', 'template', undefined],
    ]);
    const template = harness.graph.delivered().find((r) => r.body.type === 'template');
    expect(template?.body.template).toEqual({
      name: 'follow_up',
      language: { policy: 'deterministic', code: 'en_US' },
      // Filled from the contact, not sent as typed.
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Sheena Nelson' }] }],
    });
  });

  it('sends the template instead of plain messages once the window has closed', async () => {
    harness = await startHarness(store(), { flows: [templatedFlow] });
    await harness.post(text('wamid.W2', 'hi'));
    await harness.service.idle();
    harness.clock.advance(25 * 60 * 60 * 1000);
    const h = harness;
    await until(() => received(h.graph).length === 3);
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', '[template] follow_up']);
    expect((await outbound(h)).slice(2)).toEqual([
      ['skipped', 'Still there?', 'outside-window'],
      ['sent', 'template', undefined],
    ]);
  });

  it('keeps a status that arrives before its message is recorded and applies it once the record is written', async () => {
    let post: Harness['post'] | undefined;
    // Meta's status webhooks can overtake the send's own answer: here each one arrives before the send returns.
    const overtaken = (channel: Channel): Channel => ({
      kind: channel.kind,
      async send(target, message, key) {
        const result = await channel.send(target, message, key);
        if (result.status === 'sent' && result.providerMessageId) {
          const status = message.kind === 'text' ? 'read' : 'delivered';
          expect((await post?.(statusUpdate(result.providerMessageId, status)))?.status).toBe(200);
        }
        return result;
      },
    });
    harness = await startHarness(store(), { flows: [supportFlow], wrapChannel: overtaken });
    post = harness.post;
    await harness.post(text('wamid.E1', 'hi'));
    await harness.service.idle();
    expect(await outbound(harness)).toEqual([
      ['read', 'Hi Sheena Nelson!', undefined],
      ['delivered', 'menu', undefined],
    ]);
    // A later, lower status still never moves a message back.
    await harness.post(statusUpdate((harness.graph.delivered()[0]!.answer as { wamid: string }).wamid, 'delivered'));
    expect((await outbound(harness))[0]?.[0]).toBe('read');
  });

  it('sends the template once when a 131047 failure overtakes the record of the send', async () => {
    let post: Harness['post'] | undefined;
    const failedLater = (channel: Channel): Channel => ({
      kind: channel.kind,
      async send(target, message, key) {
        const result = await channel.send(target, message, key);
        if (result.status === 'sent' && result.providerMessageId && message.kind === 'text') {
          const error = { code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours' } };
          await post?.(statusUpdate(result.providerMessageId, 'failed', [error]));
        }
        return result;
      },
    });
    harness = await startHarness(store(), { flows: [templatedFlow], wrapChannel: failedLater });
    post = harness.post;
    await harness.post(text('wamid.E2', 'hi'));
    await harness.service.idle();
    const h = harness;
    await until(() => received(h.graph).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', '[template] follow_up']);
    expect((await outbound(h)).map(([status, what, why]) => `${status} ${what} ${why ?? ''}`.trim())).toEqual([
      'failed Hi Sheena Nelson! 131047',
      'sent menu',
      'sent template',
    ]);
  });

  it('sends the template once when a sent message fails later with 131047', async () => {
    harness = await startHarness(store(), { flows: [templatedFlow] });
    const h = harness;
    await h.post(text('wamid.W3', 'hi'));
    await h.service.idle();
    const wamid = (h.graph.delivered()[0]!.answer as { wamid: string }).wamid;
    const late = statusUpdate(wamid, 'failed', [
      { code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours' } },
    ]);
    expect((await h.post(late)).status).toBe(200);
    expect((await h.post(late)).status).toBe(200);
    await until(() => received(h.graph).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', '[template] follow_up']);
    expect((await outbound(h)).map(([status, what, why]) => `${status} ${what} ${why ?? ''}`.trim())).toEqual([
      'failed Hi Sheena Nelson! 131047',
      'sent menu',
      'sent template',
    ]);
  });
});
