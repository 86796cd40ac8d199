import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, type FlowDocument, type OutboundMessage } from '@chatflow/engine';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../conversation/channel';
import { conversationKeys } from '../conversation/conversation-keys';
import { type ConversationService, createConversationService } from '../conversation/conversation-service';
import type { FlowSource } from '../conversation/flow-source';
import type { InboundEvent } from '../conversation/inbound-event';
import type { SessionStore } from '../ports/session-store';
import { openStores, type Stores } from '../stores/open-stores';
import type { AuthUser } from '../users/auth-service';
import { createAssignmentRepository } from './assignment-repository';
import { createInboxEvents } from './inbox-events';
import { createInboxService } from './inbox-service';

const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, version: 1, position: { x: 0, y: 0 }, data });
const support: FlowDocument = {
  schemaVersion: 1,
  id: 'support',
  name: 'Support',
  start: 'welcome',
  nodes: [
    node('welcome', 'message', { text: 'Welcome to the shop!' }),
    node('desk', 'handoff', { department: 'sales', text: 'A person will answer you.' }),
  ],
  edges: [{ id: 'e1', source: 'welcome', sourceHandle: 'next', target: 'desk' }],
};
const flows: FlowSource = {
  flowFor: async () => ({ flowId: 'support', version: 1, document: support }),
  version: async () => ({ flowId: 'support', version: 1, document: support }),
};
const rita: AuthUser = { id: 'u-rita', role: 'agent', workspaceId: 'ws', departments: ['sales'], name: 'Rita' };
const channelRef = { kind: 'web' as const, sessionId: 's1' };

let seq = 0;
const say = (text: string): InboundEvent => {
  seq += 1;
  return {
    id: `close-${seq}`,
    workspaceId: 'ws',
    channel: channelRef,
    address: 'visitor-1',
    event: { type: 'user.message', message: { kind: 'text', text } },
    receivedAt: Date.now(),
  };
};

/**
 * The session store with a gate on session writes: while it is shut, a turn that reached its
 * write waits there, holding the conversation's turn lock, as a slow turn in production does.
 */
function gatedSessions(real: SessionStore) {
  let gate: { reached: () => void; open: Promise<void> } | undefined;
  const store = new Proxy(real, {
    get(target, name) {
      if (name === 'setSession') {
        return async (key: string, value: string, ttl: number) => {
          const held = gate;
          if (held) {
            gate = undefined;
            held.reached();
            await held.open;
          }
          return target.setSession(key, value, ttl);
        };
      }
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    store,
    /** Shuts the gate for the next write; resolves `reached` once a turn waits at it. */
    shut() {
      let open = () => {};
      let reached = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      const arrived = new Promise<void>((resolve) => {
        reached = resolve;
      });
      gate = { reached, open: opened };
      return { arrived, open };
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

describe('closing a conversation', () => {
  it('waits for the turn of a message the customer sent just then, so their next message starts a new conversation', async () => {
    dir = await mkdtemp(join(tmpdir(), 'inbox-close-'));
    stores = await openStores({ dataDir: dir });
    const sessions = gatedSessions(stores.sessions);
    const said: string[] = [];
    const channel: Channel = {
      kind: 'web',
      send: async (_target, message: OutboundMessage) => {
        said.push(message.kind === 'text' ? message.text : message.kind);
        return { status: 'sent', providerMessageId: `p${said.length}` };
      },
    };
    const svc = createConversationService({
      documents: stores.documents,
      sessions: sessions.store,
      registry: defaultRegistry,
      flows,
      channels: () => channel,
      ports: {},
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      options: { pollMs: 10, timerPollMs: 10 },
    });
    service = svc;
    svc.start();
    const inbox = createInboxService({
      records: svc.records,
      assignments: createAssignmentRepository(stores.documents),
      events: createInboxEvents(),
      channels: () => channel,
      accept: svc.accept,
      sessions: sessions.store,
    });

    await svc.accept([say('hi')]);
    await svc.idle();
    expect(said).toEqual(['Welcome to the shop!', 'A person will answer you.']);
    const [handedOff] = await svc.records.conversations.list('ws', { status: 'handoff' });
    const id = handedOff?.id ?? '';
    await inbox.take(rita, id);
    await svc.idle();

    // The customer writes while the agent clicks Close: their turn is running when the close arrives.
    const turn = sessions.shut();
    await svc.accept([say('are you still there?')]);
    await turn.arrived;
    let closed = false;
    const closing = inbox.close(rita, id).then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    turn.open();
    await closing;
    await svc.idle();

    expect(await stores.sessions.getSession(conversationKeys('ws', channelRef, 'visitor-1').session)).toBeUndefined();
    expect(await svc.records.conversations.get('ws', id)).toMatchObject({ status: 'ended', outcome: 'closed by agent' });
    await svc.accept([say('hello again')]);
    await svc.idle();
    expect(said.slice(2)).toEqual(['Welcome to the shop!', 'A person will answer you.']);
    await expect(inbox.close(rita, id)).rejects.toMatchObject({ status: 409 });
  });
});
