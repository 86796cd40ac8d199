import type { Channel } from '@chatflow/server/src/conversation/channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { webhookEnvelope } from '../support/whatsapp-webhooks';
import { supportFlow } from './flows';
import { CUSTOMER, type Harness, PHONE_NUMBER_ID, received, startHarness, storeKinds, text, until, WORKSPACE } from './harness';

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

/** A status webhook as Meta sends it for a message sent with `biz_opaque_callback_data`. */
function statusWithKey(wamid: string, status: 'sent' | 'delivered', key: string): Record<string, unknown> {
  return webhookEnvelope(PHONE_NUMBER_ID, {
    statuses: [{ id: wamid, status, timestamp: '1751142888', recipient_id: CUSTOMER, biz_opaque_callback_data: key }],
  });
}

/** The process dies once Meta accepted its first send: the send never returns, so nothing records it. */
function dieAfterFirstSend(): { wrap: (channel: Channel) => Channel; accepted: () => number } {
  let accepted = 0;
  const wrap = (channel: Channel): Channel => ({
    kind: channel.kind,
    send: async (target, message, key) => {
      await channel.send(target, message, key);
      accepted += 1;
      return new Promise(() => {});
    },
  });
  return { wrap, accepted: () => accepted };
}

const outbound = (h: Harness) =>
  h.documents
    .collection<{ id: string; workspaceId: string; status: string; providerMessageId?: string; idempotencyKey: string }>(
      'outbound_messages',
    )
    .find({ workspaceId: WORKSPACE }, { sort: { createdAt: 1, seq: 1 } });

describe.each(storeKinds(() => redis.url))('the window between Meta accepting a reply and its record (%s)', (_, store) => {
  it.each([
    ['arrives while the resumed turn waits', 'after'],
    ['reached the process before it died', 'before'],
  ])('does not send a reply again when its status, carrying its key, %s', async (_when, statusArrives) => {
    const dying = dieAfterFirstSend();
    harness = await startHarness(store(), { flows: [supportFlow], wrapChannel: dying.wrap, lockTtlMs: 300, statusWaitMs: 1_500 });
    const h = harness;
    await h.post(text('wamid.K1', 'hi'));
    await until(() => dying.accepted() === 1);
    const [first] = h.graph.delivered();
    expect(first?.body.biz_opaque_callback_data).toBe('wamid.K1:0');
    const wamid = String((first?.answer as { wamid?: string } | undefined)?.wamid);
    const status = (kind: 'sent' | 'delivered') => h.post(statusWithKey(wamid, kind, 'wamid.K1:0'));
    if (statusArrives === 'before') expect((await status('sent')).status).toBe(200);
    expect(await outbound(h)).toEqual([]);

    await h.restart({}, 'crash');
    if (statusArrives === 'after') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(received(h.graph)).toEqual(['Hi Sheena Nelson!']);
      expect((await status('sent')).status).toBe(200);
    }
    await until(() => received(h.graph).length === 2);
    await h.service.idle();
    await status('delivered');
    await h.post(text('wamid.K2', 'Sales'));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Sales here.']);
    const records = await outbound(h);
    expect(records.map((m) => [m.idempotencyKey, m.status])).toEqual([
      ['wamid.K1:0', 'delivered'],
      ['wamid.K1:1', 'sent'],
      ['wamid.K2:1', 'sent'],
    ]);
    expect(records[0]?.providerMessageId).toBe(wamid);
  });
});
