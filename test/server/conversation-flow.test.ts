import { defaultRegistry } from '@chatflow/engine';
import type { Channel } from '@chatflow/server/src/conversation/channel';
import type { SessionStore } from '@chatflow/server/src/ports/session-store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../support/redis-server';
import { counter, counterFlow, supportFlow } from './flows';
import { CUSTOMER, type Harness, received, startHarness, storeKinds, text, until, WORKSPACE } from './harness';

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

const conversations = (h: Harness) => h.records.conversations.list(WORKSPACE);

describe.each(storeKinds(() => redis.url))('a WhatsApp conversation through the webhook (%s)', (_, store) => {
  it('answers the first message with the flow and goes on from the customer’s choice', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    expect((await harness.post(text('wamid.A1', 'hello'))).status).toBe(200);
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    await harness.post(text('wamid.A2', 'Support'));
    await harness.service.idle();
    expect(received(harness.graph).slice(2)).toEqual(['Support here.']);
    const [conversation] = await conversations(harness);
    expect(conversation).toMatchObject({ status: 'ended', outcome: 'done', flowId: 'support', flowVersion: 1 });
    // The next message starts a new conversation.
    await harness.post(text('wamid.A3', 'hi again'));
    await harness.service.idle();
    expect(received(harness.graph).slice(3)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    expect((await conversations(harness)).map((c) => c.status).sort()).toEqual(['active', 'ended']);
  });

  it('answers a message delivered twice once, whether the copies come together or apart', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    const h = harness;
    const statuses = await Promise.all([h.post(text('wamid.D1', 'hi')), h.post(text('wamid.D1', 'hi'))]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    await h.service.idle();
    expect((await h.post(text('wamid.D1', 'hi'))).status).toBe(200);
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
    const inbound = await h.documents.collection<{ id: string; workspaceId: string }>('inbound_messages').count({ workspaceId: WORKSPACE });
    expect(inbound).toBe(1);
  });

  it('processes one conversation’s messages one at a time, in arrival order, none dropped', async () => {
    harness = await startHarness(store(), { flows: [counterFlow], registry: defaultRegistry.extend([counter]) });
    const h = harness;
    await h.post(text('wamid.C0', 'start'));
    await h.service.idle();
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => h.post(text(`wamid.C${i + 1}`, `m${i + 1}`))));
    expect(statuses.map((r) => r.status)).toEqual(Array(10).fill(200));
    await h.service.idle();
    const replies = received(h.graph);
    // Counts 1..10: no two turns ran on the same snapshot and none was lost...
    expect(replies.map((r) => r.split(' ')[0])).toEqual(Array.from({ length: 10 }, (_, i) => `#${i + 1}`));
    // ...and the messages were answered in the order they reached the server.
    const arrived = h.arrivals.slice(1).map((id) => `m${id.slice('wamid.C'.length)}`);
    expect(replies.map((r) => r.split(' ')[1])).toEqual(arrived);
  });

  it('goes on after a restart where it left off, without answering anything twice', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    await harness.post(text('wamid.R1', 'hi'));
    await harness.service.idle();
    await harness.restart();
    await harness.post(text('wamid.R1', 'hi')); // Meta retries the first message after the restart
    await harness.post(text('wamid.R2', 'Sales'));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Sales here.']);
  });

  it('fires a timer scheduled before a restart exactly once, in the new process', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    await harness.post(text('wamid.T1', 'hi'));
    await harness.service.idle();
    await harness.restart();
    harness.clock.advance(9 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received(harness.graph)).toHaveLength(2);
    harness.clock.advance(2 * 60_000);
    const h = harness;
    await until(() => received(h.graph).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Still there?']);
  });

  it('cancels the timer when the customer answers in time', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    await harness.post(text('wamid.T2', 'hi'));
    await harness.service.idle();
    await harness.post(text('wamid.T3', 'Sales'));
    await harness.service.idle();
    harness.clock.advance(11 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await harness.service.idle();
    expect(received(harness.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Sales here.']);
  });

  it('finishes a turn cut off between its commit and its send on restart, sending each reply once', async () => {
    let hung = 0;
    const hang = (channel: Channel): Channel => ({
      kind: channel.kind,
      send: () => {
        hung += 1;
        return new Promise(() => {});
      },
    });
    harness = await startHarness(store(), { flows: [supportFlow], wrapChannel: hang, lockTtlMs: 300 });
    const h = harness;
    await h.post(text('wamid.X1', 'hi'));
    await until(() => hung === 1);
    // The process dies here: the turn is committed (its outbox in the session), nothing sent, and
    // so nothing recorded as sent: a message's record is written once its send is over.
    const recorded = await h.documents
      .collection<{ id: string; workspaceId: string; status: string }>('outbound_messages')
      .find({ workspaceId: WORKSPACE });
    expect(recorded).toEqual([]);
    expect(received(h.graph)).toEqual([]);
    await h.restart({}, 'crash');
    await until(() => received(h.graph).length === 2);
    await h.service.idle();
    await h.post(text('wamid.X2', 'Sales'));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Sales here.']);
    const sent = await h.documents
      .collection<{ id: string; workspaceId: string; status: string }>('outbound_messages')
      .find({ workspaceId: WORKSPACE }, { sort: { createdAt: 1, seq: 1 } });
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('does not send again when a process dies after sending but before acknowledging the turn', async () => {
    let acks = 0;
    const dieOnAck = (sessions: SessionStore): SessionStore =>
      Object.assign(Object.create(sessions) as SessionStore, {
        ack: () => {
          acks += 1;
          return new Promise<void>(() => {});
        },
      });
    harness = await startHarness(store(), { flows: [supportFlow], wrapSessions: dieOnAck, lockTtlMs: 300 });
    const h = harness;
    await h.post(text('wamid.Y1', 'hi'));
    await until(() => acks === 1);
    expect(received(h.graph)).toHaveLength(2);
    await h.restart({}, 'crash');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await h.service.idle();
    await h.post(text('wamid.Y2', 'Support'));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?', 'Support here.']);
  });

  it('parks a message whose turn keeps failing on a store error, visibly, and answers the next one', async () => {
    let failures = 0;
    const failFor = (sessions: SessionStore): SessionStore =>
      Object.assign(Object.create(sessions) as SessionStore, {
        setSession: (key: string, value: string, ttl: number) => {
          if (!value.includes('"eventId":"wamid.B1"')) return sessions.setSession(key, value, ttl);
          failures += 1;
          return Promise.reject(new Error('OOM command not allowed when used memory > maxmemory'));
        },
      });
    harness = await startHarness(store(), { flows: [supportFlow], wrapSessions: failFor });
    const h = harness;
    await h.post(text('wamid.B1', 'hi'));
    await until(async () => (await h.records.audit.list(WORKSPACE, 'turn.failed')).length === 1);
    expect(failures).toBe(3);
    const [parked] = await h.records.audit.list(WORKSPACE, 'turn.failed');
    expect(parked?.details).toMatchObject({
      eventId: 'wamid.B1',
      event: { type: 'user.message', message: { kind: 'text', text: 'hi' } },
      attempts: 3,
      error: 'OOM command not allowed when used memory > maxmemory',
    });
    expect(JSON.stringify(parked)).not.toContain(CUSTOMER);
    await h.post(text('wamid.B2', 'hello?'));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Hi Sheena Nelson!', '[button] How can we help?']);
  });

  it('stops every bot message after STOP until START, acknowledging each with one short message', async () => {
    harness = await startHarness(store(), { flows: [supportFlow] });
    const h = harness;
    const say = async (id: string, body: string) => {
      await h.post(text(id, body));
      await h.service.idle();
    };
    await say('wamid.O1', 'hi');
    await say('wamid.O2', 'stop');
    await say('wamid.O3', 'Sales');
    await say('wamid.O4', 'STOP');
    expect(received(h.graph)).toEqual([
      'Hi Sheena Nelson!',
      '[button] How can we help?',
      "You won't receive more messages from us. Reply START to receive them again.",
    ]);
    const [contact] = await h.documents
      .collection<{ id: string; workspaceId: string; optedOut: boolean }>('contacts')
      .find({ workspaceId: WORKSPACE });
    expect(contact?.optedOut).toBe(true);
    await say('wamid.O5', 'Start');
    await say('wamid.O6', 'Sales');
    expect(received(h.graph).slice(3)).toEqual(["You're subscribed again: you'll receive our messages.", 'Sales here.']);
  });
});

describe('two server processes on one Redis', () => {
  it('answer one conversation’s concurrent messages one at a time and once, whichever process takes each', async () => {
    harness = await startHarness({ kind: 'redis', url: redis.url }, { flows: [counterFlow], registry: defaultRegistry.extend([counter]) });
    const h = harness;
    const second = await h.addProcess();
    await h.post(text('wamid.P0', 'start'));
    await Promise.all([h.service.idle(), second.idle()]);
    const posted = await Promise.all(Array.from({ length: 20 }, (_, i) => h.post(text(`wamid.P${i + 1}`, `m${i + 1}`))));
    expect(posted.map((r) => r.status)).toEqual(Array(20).fill(200));
    // Meta retries a few of them; either process may get the copy.
    await Promise.all([h.post(text('wamid.P3', 'm3')), h.post(text('wamid.P7', 'm7'))]);
    await until(() => received(h.graph).length >= 20);
    await Promise.all([h.service.idle(), second.idle()]);
    const replies = received(h.graph);
    expect(replies.map((r) => r.split(' ')[0])).toEqual(Array.from({ length: 20 }, (_, i) => `#${i + 1}`));
    // Each answered once. (Across two servers there is no single arrival order; each process keeps
    // the order of its own arrivals, and the shared queue the order they were enqueued in.)
    expect(replies.map((r) => r.split(' ')[1]).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 1}`).sort());
  });
});
