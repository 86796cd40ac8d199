import { readFileSync } from 'node:fs';
import type { InboundMessageRecord, OutboundMessageRecord } from '@chatflow/server/src/records/message-repository';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { signWebhook } from '../support/whatsapp-webhooks';
import { supportFlow } from './flows';
import {
  APP_SECRET,
  CUSTOMER,
  type Harness,
  inbound,
  OTHER_PHONE_NUMBER_ID,
  received,
  startHarness,
  statusUpdate,
  storeKinds,
  text,
  VERIFY_TOKEN,
  WORKSPACE,
} from './harness';

/** Meta's reference payloads, copied from shared/reference/whatsapp-examples. */
const examples = new URL('../fixtures/whatsapp-examples/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, examples), 'utf8');

let redis: RedisServer;
let harness: Harness | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const messages = (h: Harness) => h.documents.collection<OutboundMessageRecord>('outbound_messages');
const inboundMessages = (h: Harness) => h.documents.collection<InboundMessageRecord>('inbound_messages');
const outboundRecord = (wamid: string, workspaceId = WORKSPACE): OutboundMessageRecord => ({
  id: `rec-${wamid}`,
  workspaceId,
  key: `out:test:${wamid}`,
  conversationKey: 'k',
  direction: 'out',
  status: 'sent',
  message: { kind: 'text', text: 'earlier reply' },
  idempotencyKey: `test:${wamid}`,
  providerMessageId: wamid,
  createdAt: 1,
  updatedAt: 1,
});

describe.each(storeKinds(() => redis.url))('the WhatsApp webhook over HTTP (%s)', (_, store) => {
  const open = async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    return harness;
  };
  it('answers the subscription handshake only with the verify token', async () => {
    const h = await open();
    const get = (query: string) => fetch(`${h.url}/webhooks/whatsapp?${query}`);
    const ok = await get(`hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    expect((await get('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong')).status).toBe(403);
    expect((await get('hub.mode=subscribe&hub.challenge=1158201444')).status).toBe(403);
  });

  it('accepts the reference raw body signed as in the reference test vector', async () => {
    const h = await open();
    const raw = example('inbound-text.raw');
    const signature = 'sha256=4f0426c31070ce35181cffa4731bae3adc943c21ffe68db0cc07d8121856b016';
    expect(signWebhook(raw, APP_SECRET)).toBe(signature);
    expect((await h.post(raw, { signature })).status).toBe(200);
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    const [inbound] = await inboundMessages(h).find({ workspaceId: WORKSPACE });
    expect(inbound).toMatchObject({ status: 'processed', message: { kind: 'text', text: 'Does it come in another color?' } });
  });

  it.each([
    ['inbound-text.json', { kind: 'text', text: 'Does it come in another color?' }],
    ['inbound-image.json', { kind: 'media', mediaType: 'image', id: '1003383421387256', caption: 'Taj Mahal', mimeType: 'image/jpeg' }],
    ['inbound-interactive-button-reply.json', { kind: 'choice', id: 'cancel-button', title: 'Cancel' }],
    ['inbound-interactive-list-reply.json', { kind: 'choice', id: 'priority_express', title: 'Priority Mail Express' }],
  ])('accepts %s, records the message and answers it', async (name, message) => {
    const h = await open();
    // Pretty-printed as in the reference: the signature covers these exact bytes.
    expect((await h.post(example(name))).status).toBe(200);
    await h.service.idle();
    const [inbound] = await inboundMessages(h).find({ workspaceId: WORKSPACE });
    expect(inbound?.message).toEqual(message);
    expect(received(h.graph, CUSTOMER)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    expect(h.graph.requests.filter((r) => r.kind === 'read').map((r) => r.body.message_id)).toEqual([inbound?.providerMessageId]);
  });

  it('applies status-delivered.json and status-failed.json to the messages the bot sent', async () => {
    const h = await open();
    await messages(h).insert(outboundRecord('wamid.xyzxyz'));
    const failedId = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA';
    await messages(h).insert(outboundRecord(failedId));
    expect((await h.post(example('status-delivered.json'))).status).toBe(200);
    expect((await h.post(example('status-failed.json'))).status).toBe(200);
    expect(await messages(h).findOne({ workspaceId: WORKSPACE, providerMessageId: 'wamid.xyzxyz' })).toMatchObject({ status: 'delivered' });
    expect(await messages(h).findOne({ workspaceId: WORKSPACE, providerMessageId: failedId })).toMatchObject({
      status: 'failed',
      error: { code: 131049, reason: expect.stringContaining('healthy ecosystem engagement') },
    });
  });

  it('moves a reply through sent, delivered and read, and a late status never moves it back', async () => {
    const h = await open();
    await h.post(text('wamid.S1', 'hi'));
    await h.service.idle();
    const wamid = (h.graph.delivered()[0]!.answer as { wamid: string }).wamid;
    const status = async () => (await messages(h).findOne({ workspaceId: WORKSPACE, providerMessageId: wamid }))?.status;
    expect(await status()).toBe('sent');
    await h.post(statusUpdate(wamid, 'delivered'));
    expect(await status()).toBe('delivered');
    await h.post(statusUpdate(wamid, 'read'));
    await h.post(statusUpdate(wamid, 'delivered'));
    expect(await status()).toBe('read');
  });

  it('rejects a missing, malformed or wrong signature with 401 and stores nothing', async () => {
    const h = await open();
    const body = JSON.stringify(text('wamid.B1', 'hi'));
    expect((await h.post(body, { signature: null })).status).toBe(401);
    expect((await h.post(body, { signature: 'sha256=zz' })).status).toBe(401);
    expect((await h.post(body, { signature: signWebhook(body, 'not-the-app-secret') })).status).toBe(401);
    expect((await h.post(body, { signature: signWebhook(`${body} `, APP_SECRET) })).status).toBe(401);
    await h.service.idle();
    expect(await messages(h).count({ workspaceId: WORKSPACE })).toBe(0);
    expect(await inboundMessages(h).count({ workspaceId: WORKSPACE })).toBe(0);
    expect(h.graph.requests).toEqual([]);
  });

  it('answers 400 to a signed body that is not JSON, 401 to an unsigned one, and keeps serving', async () => {
    const h = await open();
    for (const garbage of ['{"object":', 'not json', '']) {
      expect((await h.post(garbage)).status).toBe(400);
      expect((await h.post(garbage, { signature: null })).status).toBe(401);
    }
    expect((await h.post(text('wamid.B2', 'hi'))).status).toBe(200);
    await h.service.idle();
    expect(received(h.graph)).toHaveLength(2);
  });

  it('handles every entry, message and status of a batch, and records what it ignores', async () => {
    const h = await open();
    const first = text('wamid.M1', 'hi', '5511000000001') as { entry: { changes: { value: Record<string, unknown> }[] }[] };
    const second = text('wamid.M2', 'hi', '5511000000002') as typeof first;
    const value = second.entry[0]!.changes[0]!.value;
    value.messages = [
      ...(value.messages as unknown[]),
      { from: '5511000000002', id: 'wamid.M3', timestamp: '1', type: 'reaction', reaction: { emoji: '👍' } },
    ];
    value.shiny_new_field = true;
    const batch = {
      object: 'whatsapp_business_account',
      entry: [first.entry[0], second.entry[0], ...(statusUpdate('wamid.unknown', 'read').entry as unknown[])],
    };
    expect((await h.post(batch)).status).toBe(200);
    await h.service.idle();
    expect(received(h.graph, '5511000000001')).toHaveLength(2);
    expect(received(h.graph, '5511000000002')).toHaveLength(2);
    const audit = await h.records.audit.list(WORKSPACE, 'webhook.ignored');
    expect(audit.map((a) => a.details.reason).sort()).toEqual(['message type "reaction" is not handled', 'unknown fields']);
  });

  it('answers 200 to a signed body with nothing to do, and stores Meta JSON whose keys start with $ or hold dots', async () => {
    const h = await open();
    for (const empty of [{ object: 'whatsapp_business_account', entry: [] }, { object: 'whatsapp_business_account' }, {}]) {
      expect((await h.post(empty)).status).toBe(200);
    }
    const errors = [{ code: 131051, title: 'Unsupported message type', error_data: { details: 'x', $ref: 'y', 'a.b': 1 } }];
    const poison = inbound('wamid.P1', { type: 'unsupported', errors }, CUSTOMER);
    expect((await h.post(poison)).status).toBe(200);
    expect((await h.post(statusUpdate('wamid.P2', 'failed', errors))).status).toBe(200);
    const audit = await h.records.audit.list(WORKSPACE, 'webhook.ignored');
    expect(audit.map((a) => a.details.reason)).toContain('message type "unsupported" is not handled');
    expect(String(audit.find((a) => String(a.details.meta).includes('$ref'))?.details.meta)).toContain('"a.b":1');
  });

  it('checks a number with its own app against that app’s secret only', async () => {
    harness = await startHarness(store(), { flows: [supportFlow], appSecrets: { [OTHER_PHONE_NUMBER_ID]: 'other-app-secret' } });
    const h = harness;
    const forOther = JSON.stringify(inbound('wamid.N1', { type: 'text', text: { body: 'hi' } }, '5511000000009', OTHER_PHONE_NUMBER_ID));
    expect((await h.post(forOther, { signature: signWebhook(forOther, APP_SECRET) })).status).toBe(401);
    expect((await h.post(forOther, { signature: signWebhook(forOther, 'other-app-secret') })).status).toBe(200);
    const forMain = JSON.stringify(text('wamid.N2', 'hi'));
    expect((await h.post(forMain, { signature: signWebhook(forMain, 'other-app-secret') })).status).toBe(401);
    await h.service.idle();
    expect(received(h.graph, '5511000000009')).toHaveLength(2);
    expect(received(h.graph, CUSTOMER)).toEqual([]);
  });
});
