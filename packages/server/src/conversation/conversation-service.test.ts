import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, defineNodeType, type FlowDocument, type OutboundMessage } from '@chatflow/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores, type Stores } from '../stores/open-stores';
import type { Channel, SendTarget } from './channel';
import { type ConversationService, type ConversationServiceDeps, createConversationService } from './conversation-service';
import type { FlowSource } from './flow-source';
import type { InboundEvent } from './inbound-event';

const at = { x: 0, y: 0 };
const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, version: 1, position: at, data });
const edge = (source: string, target: string, sourceHandle = 'next') => ({ id: `${source}-${target}`, source, sourceHandle, target });

const front: FlowDocument = {
  schemaVersion: 1,
  id: 'front',
  name: 'Front desk',
  start: 'welcome',
  nodes: [
    node('welcome', 'message', { text: 'Welcome!' }),
    node('plan', 'set-variable', { assignments: [{ name: 'plan', value: 'gold' }] }),
    node('to-sales', 'jump', { to: 'flow', flowId: 'sales' }),
  ],
  edges: [edge('welcome', 'plan'), edge('plan', 'to-sales')],
};

const sales: FlowDocument = {
  schemaVersion: 1,
  id: 'sales',
  name: 'Sales',
  start: 'hello',
  nodes: [
    node('hello', 'message', { text: 'Sales here, plan {{plan}}.' }),
    node('agent', 'handoff', { department: 'sales', text: 'An agent will help you.', note: 'Plan {{plan}}' }),
    node('back', 'message', { text: 'Back with the bot.' }),
    node('bye', 'end', { outcome: 'served' }),
  ],
  edges: [edge('hello', 'agent'), edge('agent', 'back', 'released'), edge('back', 'bye')],
};

/** Emits an order on entry, then waits. */
const orderOnEntry = defineNodeType({
  type: 'test-order',
  version: 1,
  title: 'Order',
  description: 'Creates an order',
  category: 'Custom',
  icon: '🧾',
  configSchema: { type: 'object', properties: {} },
  exits: () => [],
  compile: (_, ctx) => ({
    entry: [
      ctx.effect({
        type: 'order.create',
        order: {
          lines: [{ productId: 'p1', name: 'Beans', quantity: 2, unitPrice: 5 }],
          currency: 'EUR',
          total: 10,
          delivery: { name: 'Ana' },
        },
      }),
    ],
    on: { 'user.message': { actions: [] } },
  }),
});

const ordering: FlowDocument = {
  schemaVersion: 1,
  id: 'ordering',
  name: 'Ordering',
  start: 'order',
  nodes: [node('order', 'test-order', {})],
  edges: [],
};

function flowsOf(documents: FlowDocument[], channelFlow: string | undefined): FlowSource {
  const ref = (document: FlowDocument) => ({ flowId: document.id, version: 1, document });
  return {
    flowFor: async () => {
      const document = documents.find((d) => d.id === channelFlow);
      return document ? ref(document) : undefined;
    },
    version: async (_workspaceId, flowId) => {
      const document = documents.find((d) => d.id === flowId);
      return document ? ref(document) : undefined;
    },
  };
}

/** A channel that delivers instantly and remembers what it sent, as the customer would see it. */
function recordingChannel(): Channel & { said: string[]; typed: string[] } {
  const said: string[] = [];
  const typed: string[] = [];
  return {
    kind: 'web',
    said,
    typed,
    async typing(_target: SendTarget, channelMessageId: string) {
      typed.push(channelMessageId);
    },
    async send(_target: SendTarget, message: OutboundMessage) {
      said.push(message.kind === 'text' ? message.text : `[${message.kind}]`);
      return { status: 'sent', providerMessageId: `p${said.length}` };
    },
  };
}

let dir: string | undefined;
let stores: Stores | undefined;
let service: ConversationService | undefined;
afterEach(async () => {
  await service?.stop();
  await stores?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  service = undefined;
  stores = undefined;
});

async function start(flows: FlowSource, channel: Channel, extra: Partial<ConversationServiceDeps> = {}) {
  dir = await mkdtemp(join(tmpdir(), 'chatflow-service-'));
  stores = await openStores({ dataDir: dir });
  service = createConversationService({
    documents: stores.documents,
    sessions: stores.sessions,
    registry: defaultRegistry.extend([orderOnEntry]),
    flows,
    channels: () => channel,
    ports: {},
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    options: { pollMs: 10, timerPollMs: 10 },
    ...extra,
  });
  service.start();
  return service;
}

let seq = 0;
const nextId = () => {
  seq += 1;
  return `ev-${seq}`;
};
const event = (body: InboundEvent['event']): InboundEvent => ({
  id: nextId(),
  workspaceId: 'ws',
  channel: { kind: 'web', sessionId: 's1' },
  address: 'visitor-1',
  contactName: 'Ana',
  event: body,
  receivedAt: Date.now(),
});
const say = (text: string) => event({ type: 'user.message', message: { kind: 'text', text } });

describe('the conversation service', () => {
  it('follows a jump into another flow with the same variables, hands off, and takes the conversation back', async () => {
    const channel = recordingChannel();
    const svc = await start(flowsOf([front, sales], 'front'), channel);
    await svc.accept([say('hi')]);
    await svc.idle();
    expect(channel.said).toEqual(['Welcome!', 'Sales here, plan gold.', 'An agent will help you.']);
    const [handedOff] = await svc.records.conversations.list('ws');
    expect(handedOff).toMatchObject({
      flowId: 'sales',
      status: 'handoff',
      department: 'sales',
      handoffNote: 'Plan gold',
      vars: { plan: 'gold' },
    });

    // The agent talks now: the bot stays silent, and shows no typing indicator.
    const during = say('hello?');
    await svc.accept([during]);
    await svc.idle();
    expect(channel.said).toHaveLength(3);
    expect(channel.typed).toHaveLength(1);
    expect(channel.typed).not.toContain(during.id);

    await svc.accept([event({ type: 'agent.released', agentId: 'agent-7' })]);
    await svc.idle();
    expect(channel.said.slice(3)).toEqual(['Back with the bot.']);
    const [served] = await svc.records.conversations.list('ws');
    expect(served).toMatchObject({ id: handedOff?.id, status: 'ended', outcome: 'served' });
    const transcript = await svc.records.messages.forConversation('ws', served?.id ?? '');
    expect(transcript.map((m) => `${m.direction}:${m.message.kind === 'text' ? m.message.text : m.message.kind}`)).toEqual([
      'in:hi',
      'out:Welcome!',
      'out:Sales here, plan gold.',
      'out:An agent will help you.',
      'in:hello?',
      'out:Back with the bot.',
    ]);

    // The next message starts over in the channel's flow.
    await svc.accept([say('hi again')]);
    await svc.idle();
    expect(channel.said.slice(4)).toEqual(['Welcome!', 'Sales here, plan gold.', 'An agent will help you.']);
    expect(await svc.records.conversations.list('ws')).toHaveLength(2);
  });

  it("tells a listener each turn is done, after its replies went out: the hand-back's turn finds the bot in charge", async () => {
    const channel = recordingChannel();
    const done: { type: string; before?: string; after?: string; said: number }[] = [];
    const svc = await start(flowsOf([front, sales], 'front'), channel, {
      onTurnDone: (item, before, after) => {
        if (item.event.type === 'user.message' && item.event.message.kind === 'text' && item.event.message.text === 'boom')
          throw new Error('boom');
        done.push({
          type: item.event.type,
          before: before?.conversation?.status,
          after: after.conversation?.status,
          said: channel.said.length,
        });
      },
    });
    await svc.accept([say('hi')]);
    await svc.idle();
    await svc.accept([say('boom')]);
    await svc.idle();
    await svc.accept([event({ type: 'agent.released', agentId: 'agent-7' })]);
    await svc.idle();
    expect(done).toEqual([
      { type: 'user.message', after: 'handoff', said: 3 },
      // The conversation ended at "bye" right after "Back with the bot.", which was sent by then.
      { type: 'agent.released', before: 'handoff', said: 4 },
    ]);
  });

  it("starts a returning contact's conversation with the variables the host knows of them, and asks nothing of a new contact", async () => {
    const channel = recordingChannel();
    const asked: string[] = [];
    const svc = await start(flowsOf([sales], 'sales'), channel, {
      startVars: async (workspaceId, contactId, document) => {
        const contact = await svc.records.contacts.get(workspaceId, contactId);
        asked.push(`${document.id} for ${contact?.name}`);
        return { plan: 'silver' };
      },
    });
    await svc.accept([say('hi')]);
    await svc.idle();
    await svc.accept([event({ type: 'agent.released' })]);
    await svc.idle();
    expect(channel.said).toEqual(['Sales here, plan .', 'An agent will help you.', 'Back with the bot.']);
    expect(asked).toEqual([]);
    await svc.accept([say('hi again')]);
    await svc.idle();
    expect(channel.said.slice(3)).toEqual(['Sales here, plan silver.', 'An agent will help you.']);
    expect(asked).toEqual(['sales for Ana']);
  });

  it('starts the flow on a conversation start without a customer message, once, and never over a running one', async () => {
    const channel = recordingChannel();
    const svc = await start(flowsOf([front, sales], 'front'), channel);
    const opening = event({ type: 'conversation.start' });
    await svc.accept([opening]);
    await svc.accept([opening]); // the same start again is a duplicate
    await svc.idle();
    expect(channel.said).toEqual(['Welcome!', 'Sales here, plan gold.', 'An agent will help you.']);
    expect(channel.typed).toEqual([]);
    const [conversation] = await svc.records.conversations.list('ws');
    expect(conversation).toMatchObject({ flowId: 'sales', status: 'handoff' });
    const transcript = await svc.records.messages.forConversation('ws', conversation?.id ?? '');
    expect(transcript.every((m) => m.direction === 'out')).toBe(true);

    await svc.accept([event({ type: 'conversation.start' })]);
    await svc.idle();
    expect(channel.said).toHaveLength(3);
    expect(await svc.records.conversations.list('ws')).toHaveLength(1);
  });

  it('stores the order a flow creates, once', async () => {
    const svc = await start(flowsOf([ordering], 'ordering'), recordingChannel());
    await svc.accept([say('I want coffee')]);
    await svc.idle();
    const orders = await svc.records.orders.list('ws');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ total: 10, currency: 'EUR', status: 'new', delivery: { name: 'Ana' } });
  });

  it('records a message it cannot answer (no flow for the channel) and keeps serving', async () => {
    const channel = recordingChannel();
    const svc = await start(flowsOf([front, sales], undefined), channel);
    const first = say('anyone?');
    await svc.accept([first]);
    await svc.idle();
    expect(channel.said).toEqual([]);
    expect(await svc.records.messages.findInbound('ws', first.id)).toMatchObject({ status: 'processed' });
  });

  it('ends the conversation when a jump names a flow without a published version', async () => {
    const broken: FlowDocument = {
      ...front,
      id: 'broken',
      nodes: [node('go', 'jump', { to: 'flow', flowId: 'missing' })],
      edges: [],
      start: 'go',
    };
    const svc = await start(flowsOf([broken], 'broken'), recordingChannel());
    await svc.accept([say('hi')]);
    await svc.idle();
    expect(await svc.records.conversations.list('ws')).toMatchObject([{ status: 'ended', outcome: 'jump' }]);
  });
});
