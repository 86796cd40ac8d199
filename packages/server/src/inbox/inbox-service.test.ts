import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboundMessage } from '@chatflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, SendResult } from '../conversation/channel';
import type { InboundEvent } from '../conversation/inbound-event';
import { createRecords, type Records } from '../records/records';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import type { AuthUser } from '../users/auth-service';
import { createAssignmentRepository } from './assignment-repository';
import { createInboxEvents, type InboxEvent } from './inbox-events';
import { createInboxService, SERVICE_WINDOW_MS } from './inbox-service';

const HOUR = 60 * 60 * 1000;
let dir: string;
let store: EmbeddedDocumentStore;
let records: Records;
let now: number;
const sends: { address: string; message: OutboundMessage; key: string }[] = [];
const accepted: InboundEvent[] = [];
const published: InboxEvent[] = [];
let answer: SendResult = { status: 'sent', providerMessageId: 'wamid.1' };

const channel: Channel = {
  kind: 'whatsapp',
  send: async (target, message, key) => {
    sends.push({ address: target.address, message, key });
    return answer;
  },
};
const rita: AuthUser = { id: 'u-rita', role: 'agent', workspaceId: 'w1', departments: ['sales'], name: 'Rita' };
const sam: AuthUser = { id: 'u-sam', role: 'agent', workspaceId: 'w1', departments: ['sales'], name: 'Sam' };
const boss: AuthUser = { id: 'admin', role: 'admin', workspaceId: 'w1', departments: [] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inbox-'));
  store = new EmbeddedDocumentStore(dir);
  records = createRecords(store);
  now = Date.UTC(2026, 10, 22, 12);
  sends.length = 0;
  accepted.length = 0;
  published.length = 0;
  answer = { status: 'sent', providerMessageId: 'wamid.1' };
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function handedOff(lastInboundAt: number) {
  const channelRef = { kind: 'whatsapp' as const, phoneNumberId: 'p1' };
  const contact = await records.contacts.ensure('w1', channelRef, '5511999990000', now, 'Ana');
  await records.contacts.touchInbound('w1', contact.id, lastInboundAt);
  await records.conversations.upsert({
    id: 'conv-1',
    workspaceId: 'w1',
    conversationKey: 'w1:whatsapp:p1:5511999990000',
    contactId: contact.id,
    channel: channelRef,
    flowId: 'support',
    flowVersion: 1,
    status: 'handoff',
    nodeId: 'human',
    vars: {},
    department: 'sales',
    startedAt: now - HOUR,
    updatedAt: now,
  });
  const events = createInboxEvents();
  events.subscribe('w1', (event) => published.push(event));
  return createInboxService({
    records,
    assignments: createAssignmentRepository(store),
    events,
    channels: () => channel,
    accept: async (events) => {
      accepted.push(...events);
    },
    sessions: {
      getSession: async () => undefined,
      deleteSession: async () => {},
      cancelTimer: async () => {},
      tryLock: async () => ({ extend: async () => true, release: async () => {} }),
    },
    clock: () => now,
  });
}

describe('inbox', () => {
  it('refuses a plain reply once 24 hours have passed since the customer wrote, without sending', async () => {
    const inbox = await handedOff(now - SERVICE_WINDOW_MS - 1);
    await inbox.take(rita, 'conv-1');
    await expect(inbox.reply(rita, 'conv-1', 'Still there?')).rejects.toMatchObject({
      status: 409,
      message: "more than 24 hours have passed since the customer's last message: WhatsApp only allows a template now",
    });
    expect(sends).toEqual([]);
  });

  it('sends within the window through the channel, records it, and reports a refused send', async () => {
    const inbox = await handedOff(now - 2 * HOUR);
    const taken = await inbox.take(rita, 'conv-1');
    expect(taken.windowClosesAt).toBe(now - 2 * HOUR + SERVICE_WINDOW_MS);
    expect(accepted.map((e) => e.event)).toEqual([{ type: 'agent.assigned', agentId: 'u-rita', now }]);
    await inbox.reply(rita, 'conv-1', 'Hello Ana', 'm1');
    expect(sends).toEqual([{ address: '5511999990000', message: { kind: 'text', text: 'Hello Ana' }, key: 'agent:conv-1:m1' }]);
    expect((await inbox.detail(rita, 'conv-1')).transcript).toEqual([
      { direction: 'out', text: 'Hello Ana', at: now, by: 'agent', agentName: 'Rita', status: 'sent' },
    ]);

    answer = { status: 'failed', code: 131026, reason: 'Receiver is incapable of receiving this message' };
    await expect(inbox.reply(rita, 'conv-1', 'Again')).rejects.toMatchObject({ status: 502 });
    expect(published.map((e) => e.type)).toEqual(['assigned', 'message']);
  });

  it("labels the bot's messages after a hand-back as the bot's, though that turn's event id starts with agent:", async () => {
    const inbox = await handedOff(now);
    await inbox.take(rita, 'conv-1');
    await inbox.reply(rita, 'conv-1', 'Your refund is on its way', 'm1');
    await inbox.release(rita, 'conv-1');
    const handBack = accepted.at(-1);
    expect(handBack?.id).toMatch(/^agent:/);
    // What the pipeline records for the bot's first message of the hand-back's turn.
    const key = `${handBack?.id}:0`;
    await records.messages.ensureOutbound({
      id: 'm-bot',
      workspaceId: 'w1',
      key: `out:${key}`,
      conversationKey: 'w1:whatsapp:p1:5511999990000',
      conversationId: 'conv-1',
      direction: 'out',
      status: 'sent',
      message: { kind: 'text', text: 'The bot is back. Anything else?' },
      idempotencyKey: key,
      createdAt: now + 1,
      updatedAt: now + 1,
    });
    expect((await inbox.detail(boss, 'conv-1')).transcript.map((t) => [t.by, t.agentName, t.text])).toEqual([
      ['agent', 'Rita', 'Your refund is on its way'],
      ['bot', undefined, 'The bot is back. Anything else?'],
    ]);
  });

  it('lets one agent hold a conversation; an admin may take it over with force', async () => {
    const inbox = await handedOff(now);
    await inbox.take(rita, 'conv-1');
    await expect(inbox.take(sam, 'conv-1')).rejects.toMatchObject({ status: 409, message: 'Rita has this conversation already' });
    await expect(inbox.reply(sam, 'conv-1', 'hi')).rejects.toMatchObject({ status: 409 });
    await inbox.take(boss, 'conv-1', true);
    expect((await inbox.queue(rita))[0]?.assignedTo?.id).toBe('admin');
    await expect(inbox.detail({ ...rita, departments: ['support'] }, 'conv-1')).rejects.toMatchObject({ status: 404 });
    await inbox.release(boss, 'conv-1', 'done');
    expect(accepted.at(-1)?.event).toEqual({ type: 'agent.released', agentId: 'admin', note: 'done', now });
    expect(accepted.at(-1)).toMatchObject({
      workspaceId: 'w1',
      address: '5511999990000',
      channel: { kind: 'whatsapp', phoneNumberId: 'p1' },
    });
  });
});
