import { randomUUID } from 'node:crypto';
import { type OutboundMessage, userMessageText } from '@chatflow/engine';
import { HttpError } from '../api/http-error';
import { timerKey } from '../conversation/carry-out';
import { type Channel, OUTSIDE_WINDOW, type SendResult } from '../conversation/channel';
import { conversationKeys } from '../conversation/conversation-keys';
import type { ChannelRef, InboundEvent } from '../conversation/inbound-event';
import { parseSessionState } from '../conversation/session-state';
import type { SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import type { ConversationRecord } from '../records/conversation-repository';
import type { MessageRecord } from '../records/message-repository';
import type { Records } from '../records/records';
import type { AuthUser } from '../users/auth-service';
import { runsWorkspace } from '../users/user-repository';
import type { AssignmentRecord, AssignmentRepository } from './assignment-repository';
import type { InboxEvents } from './inbox-events';
import { visibleTo } from './inbox-visibility';

/** WhatsApp's customer-service window: plain messages only within 24 hours of the customer's last one. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long the inbox holds a conversation's turn lock: far longer than the few writes it does under it. */
const TURN_LOCK_MS = 30_000;
/** How often a close asks again for a turn lock the pipeline holds. */
const LOCK_RETRY_MS = 25;

export interface InboxDeps {
  records: Pick<Records, 'conversations' | 'contacts' | 'messages'>;
  assignments: AssignmentRepository;
  events: InboxEvents;
  /** The same channels the pipeline sends through. */
  channels: (ref: ChannelRef) => Channel;
  /** The conversation service's `accept`: how agent events reach the flow. */
  accept: (events: InboundEvent[]) => Promise<void>;
  sessions: Pick<SessionStore, 'getSession' | 'deleteSession' | 'cancelTimer' | 'tryLock'>;
  clock?: () => number;
  /** How long a close waits for the conversation's running turn; 10 s by default. */
  turnWaitMs?: number;
}

export interface QueueItem {
  id: string;
  contactId: string;
  contactName?: string;
  department?: string;
  note?: string;
  state: 'waiting' | 'assigned';
  assignedTo?: { id: string; name?: string; at: number };
  lastActivityAt: number;
  /** When the 24-hour window for plain replies closes; undefined when the channel has none. */
  windowClosesAt?: number;
}

export interface TranscriptEntry {
  direction: 'in' | 'out';
  text: string;
  at: number;
  /** Outbound only: `bot` or `agent`. */
  by?: 'bot' | 'agent';
  /** The name of the agent who wrote it, when known. */
  agentName?: string;
  status?: string;
}

export interface ConversationDetail extends QueueItem {
  status: ConversationRecord['status'];
  nodeId: string;
  flowId: string;
  vars: Record<string, unknown>;
  transcript: TranscriptEntry[];
}

/**
 * The agent inbox: department queues of handed-off conversations, take over, reply through the
 * same channel the bot uses (within WhatsApp's 24-hour window), hand back to the bot (the flow
 * continues at the handoff node's `released` exit) or close.
 */
export function createInboxService(deps: InboxDeps) {
  const { records, assignments, events } = deps;
  const clock = deps.clock ?? Date.now;

  async function load(user: AuthUser, id: string) {
    const conversation = await records.conversations.get(user.workspaceId, id);
    if (!conversation || !visibleTo(user, conversation))
      throw new HttpError(404, `conversation "${id}" is not in your inbox`, { path: 'id' });
    const contact = await records.contacts.get(user.workspaceId, conversation.contactId);
    if (!contact) throw new HttpError(404, `the contact of conversation "${id}" was deleted`, { path: 'id' });
    const assignment = await assignments.get(user.workspaceId, id);
    return { conversation, contact, assignment: assignment?.state === 'assigned' ? assignment : undefined };
  }

  function item(conversation: ConversationRecord, contact: ContactRecord | undefined, assignment: AssignmentRecord | undefined): QueueItem {
    return {
      id: conversation.id,
      contactId: conversation.contactId,
      ...(contact?.name ? { contactName: contact.name } : {}),
      ...(conversation.department ? { department: conversation.department } : {}),
      ...(conversation.handoffNote ? { note: conversation.handoffNote } : {}),
      state: assignment ? 'assigned' : 'waiting',
      ...(assignment
        ? {
            assignedTo: {
              id: assignment.agentId,
              ...(assignment.agentName ? { name: assignment.agentName } : {}),
              at: assignment.assignedAt,
            },
          }
        : {}),
      lastActivityAt: conversation.updatedAt,
      ...(conversation.channel.kind === 'whatsapp' && contact?.lastInboundAt
        ? { windowClosesAt: contact.lastInboundAt + SERVICE_WINDOW_MS }
        : {}),
    };
  }

  /** Requires the caller to hold the conversation: agents act only on what they took over. */
  function mustHold(user: AuthUser, assignment: AssignmentRecord | undefined, action: string): void {
    if (assignment?.agentId === user.id) return;
    const holder = assignment ? `${assignment.agentName ?? assignment.agentId} has it` : 'nobody has taken it over';
    throw new HttpError(409, `take the conversation over before you ${action} (${holder})`, { path: 'id' });
  }

  /**
   * Runs `work` holding the conversation's turn lock (the one the pipeline's turns take), waiting a
   * little for a turn in progress; 503 when it does not finish in time.
   */
  async function underTurnLock(lockKey: string, work: () => Promise<void>): Promise<void> {
    const giveUpAt = Date.now() + (deps.turnWaitMs ?? 10_000);
    for (;;) {
      const lock = await deps.sessions.tryLock(lockKey, TURN_LOCK_MS);
      if (lock) {
        try {
          return await work();
        } finally {
          await lock.release().catch(() => {});
        }
      }
      if (Date.now() >= giveUpAt)
        throw new HttpError(503, 'the bot is still busy with this conversation; try again in a moment', { path: 'id' });
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }

  /** Sends an agent's event into the conversation's queue; `name` makes its id, so the same one is taken once. */
  async function agentEvent(
    conversation: ConversationRecord,
    contact: ContactRecord,
    event: InboundEvent['event'],
    name: string = randomUUID(),
  ): Promise<void> {
    await deps.accept([
      {
        id: `agent:${event.type}:${conversation.id}:${name}`,
        workspaceId: conversation.workspaceId,
        channel: conversation.channel,
        address: contact.address,
        event: { ...event, now: clock() },
        receivedAt: clock(),
      },
    ]);
  }

  return {
    /** Handed-off conversations the user may see, waiting ones first, oldest first. */
    async queue(user: AuthUser, filter: { department?: string; state?: 'waiting' | 'assigned' | 'mine' } = {}): Promise<QueueItem[]> {
      const handedOff = (await records.conversations.list(user.workspaceId, { status: 'handoff' }, { limit: 1000 })).filter(
        (c) => visibleTo(user, c) && (!filter.department || c.department === filter.department),
      );
      const held = await assignments.forConversations(
        user.workspaceId,
        handedOff.map((c) => c.id),
      );
      const contacts = await Promise.all(handedOff.map((c) => records.contacts.get(user.workspaceId, c.contactId)));
      return handedOff
        .map((c, i) => item(c, contacts[i], held.get(c.id)?.state === 'assigned' ? held.get(c.id) : undefined))
        .filter((q) => !filter.state || (filter.state === 'mine' ? q.assignedTo?.id === user.id : q.state === filter.state))
        .sort((a, b) => (a.state === b.state ? a.lastActivityAt - b.lastActivityAt : a.state === 'waiting' ? -1 : 1));
    },

    /** Waiting and assigned counts per department. */
    async departments(user: AuthUser): Promise<{ department: string; waiting: number; assigned: number }[]> {
      const counts = new Map<string, { department: string; waiting: number; assigned: number }>();
      for (const q of await this.queue(user)) {
        const name = q.department ?? '';
        const entry = counts.get(name) ?? { department: name, waiting: 0, assigned: 0 };
        entry[q.state] += 1;
        counts.set(name, entry);
      }
      return [...counts.values()].sort((a, b) => a.department.localeCompare(b.department));
    },

    /** One conversation with its variables and transcript. */
    async detail(user: AuthUser, id: string): Promise<ConversationDetail> {
      const { conversation, contact, assignment } = await load(user, id);
      const messages = await records.messages.forConversation(user.workspaceId, id);
      return {
        ...item(conversation, contact, assignment),
        status: conversation.status,
        nodeId: conversation.nodeId,
        flowId: conversation.flowId,
        vars: conversation.vars,
        transcript: messages.map(transcriptEntry),
      };
    },

    /** Assigns the conversation to the caller (admins may take it from another agent with `force`). */
    async take(user: AuthUser, id: string, force = false): Promise<QueueItem> {
      const { conversation, contact, assignment } = await load(user, id);
      if (conversation.status !== 'handoff')
        throw new HttpError(409, `conversation "${id}" is ${conversation.status}, not waiting for an agent`, { path: 'id' });
      if (assignment && assignment.agentId !== user.id && !(force && runsWorkspace(user.role))) {
        throw new HttpError(409, `${assignment.agentName ?? assignment.agentId} has this conversation already`, { path: 'id' });
      }
      const now = clock();
      const record: AssignmentRecord = {
        id,
        workspaceId: user.workspaceId,
        agentId: user.id,
        ...(user.name ? { agentName: user.name } : {}),
        assignedAt: now,
        state: 'assigned',
        updatedAt: now,
      };
      const held = await assignments.take(record, assignment?.agentId);
      if (held.agentId !== user.id || held.state !== 'assigned')
        throw new HttpError(409, `${held.agentName ?? held.agentId} took this conversation first`, { path: 'id' });
      if (!assignment) await agentEvent(conversation, contact, { type: 'agent.assigned', agentId: user.id });
      events.publish(
        user.workspaceId,
        {
          type: 'assigned',
          conversationId: id,
          agentId: user.id,
          ...(user.name ? { agentName: user.name } : {}),
          at: now,
        },
        conversation,
      );
      return item(conversation, contact, held);
    },

    /** Sends the agent's text to the customer through the conversation's channel. */
    async reply(user: AuthUser, id: string, text: string, clientMessageId?: string): Promise<TranscriptEntry> {
      const { conversation, contact, assignment } = await load(user, id);
      mustHold(user, assignment, 'reply');
      const now = clock();
      if (conversation.channel.kind === 'whatsapp' && (!contact.lastInboundAt || now - contact.lastInboundAt > SERVICE_WINDOW_MS)) {
        throw new HttpError(409, "more than 24 hours have passed since the customer's last message: WhatsApp only allows a template now", {
          path: 'text',
        });
      }
      const key = `agent:${id}:${clientMessageId ?? randomUUID()}`;
      const message: OutboundMessage = { kind: 'text', text };
      // The flow keeps the agent's words in its history, so an AI node after the hand-back knows them.
      const agentSaid = (said: string) => agentEvent(conversation, contact, { type: 'agent.message', agentId: user.id, text: said }, key);
      const record = await records.messages.ensureOutbound({
        id: randomUUID(),
        workspaceId: user.workspaceId,
        key: `out:${key}`,
        conversationKey: conversation.conversationKey,
        conversationId: id,
        contactId: contact.id,
        direction: 'out',
        status: 'pending',
        message,
        idempotencyKey: key,
        agent: { id: user.id, ...(user.name ? { name: user.name } : {}) },
        createdAt: now,
        updatedAt: now,
      });
      if (record.status !== 'pending') {
        // A retried request: the message went out before; make sure the flow heard of it (once: same event id).
        if (record.status !== 'failed' && record.status !== 'skipped') await agentSaid(outboundText(record.message));
        return transcriptEntry(record);
      }
      const target = {
        workspaceId: user.workspaceId,
        channel: conversation.channel,
        address: contact.address,
        lastInboundAt: contact.lastInboundAt ?? 0,
      };
      const result: SendResult = await deps
        .channels(conversation.channel)
        .send(target, message, key)
        .catch((error: unknown) => ({ status: 'failed', reason: error instanceof Error ? error.message : String(error) }));
      const settled = clock();
      if (result.status === 'sent') {
        await records.messages.settleOutbound(
          user.workspaceId,
          key,
          { status: 'sent', ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) },
          settled,
        );
        await agentSaid(text);
        events.publish(
          user.workspaceId,
          { type: 'message', conversationId: id, direction: 'out', text, by: user.id, at: now },
          conversation,
        );
        return { direction: 'out', text, at: now, by: 'agent', ...(user.name ? { agentName: user.name } : {}), status: 'sent' };
      }
      const error =
        result.status === 'failed'
          ? { ...(result.code !== undefined ? { code: result.code } : {}), reason: result.reason }
          : { reason: result.reason };
      await records.messages.settleOutbound(user.workspaceId, key, { status: result.status, error }, settled);
      if (result.status === 'skipped' && result.reason === OUTSIDE_WINDOW) {
        throw new HttpError(409, "more than 24 hours have passed since the customer's last message: WhatsApp only allows a template now", {
          path: 'text',
        });
      }
      throw new HttpError(502, `the message was not sent: ${result.reason}`, { path: 'text' });
    },

    /** Hands the conversation back to the bot: the flow goes on from the handoff node's `released` exit. */
    async release(user: AuthUser, id: string, note?: string): Promise<void> {
      const { conversation, contact, assignment } = await load(user, id);
      if (!(runsWorkspace(user.role) && !assignment)) mustHold(user, assignment, 'hand it back');
      const now = clock();
      if (assignment) await assignments.save({ ...assignment, state: 'released', updatedAt: now });
      await agentEvent(conversation, contact, { type: 'agent.released', agentId: user.id, ...(note ? { note } : {}) });
      events.publish(user.workspaceId, { type: 'released', conversationId: id, agentId: user.id, at: now }, conversation);
    },

    /**
     * Ends the conversation without the bot; the customer's next message starts a new one. It takes
     * the conversation's turn lock first, as the pipeline does for every event: a turn running now
     * (a customer's message) would otherwise write the session back after it was deleted, and the
     * conversation would go on, handed off to nobody.
     */
    async close(user: AuthUser, id: string): Promise<void> {
      const found = await load(user, id);
      const keys = conversationKeys(user.workspaceId, found.conversation.channel, found.contact.address);
      await underTurnLock(keys.lock, async () => {
        // Read again under the lock: the turn that held it may have changed the conversation.
        const { conversation, assignment } = await load(user, id);
        if (!(runsWorkspace(user.role) && !assignment)) mustHold(user, assignment, 'close it');
        if (conversation.status === 'ended' || conversation.status === 'expired')
          throw new HttpError(409, `conversation "${id}" has ${conversation.status} already`, { path: 'id' });
        const now = clock();
        const state = parseSessionState(await deps.sessions.getSession(keys.session));
        if (state?.conversation?.id === id) {
          const timerId = state.snapshot?.context?.node.timerId;
          if (timerId) await deps.sessions.cancelTimer(timerKey(id, timerId));
          await deps.sessions.deleteSession(keys.session);
        }
        await records.conversations.update(user.workspaceId, id, {
          status: 'ended',
          outcome: 'closed by agent',
          endedAt: now,
          updatedAt: now,
        });
        if (assignment) await assignments.save({ ...assignment, state: 'closed', updatedAt: now });
        events.publish(user.workspaceId, { type: 'closed', conversationId: id, agentId: user.id, at: now }, conversation);
      });
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;

function transcriptEntry(record: MessageRecord): TranscriptEntry {
  if (record.direction === 'in') return { direction: 'in', text: userMessageText(record.message), at: record.createdAt };
  return {
    direction: 'out',
    text: outboundText(record.message),
    at: record.createdAt,
    // The author is recorded with the message: keys say nothing reliable about it (a hand-back's turn has an `agent:` event id too).
    ...(record.agent ? { by: 'agent' as const, ...(record.agent.name ? { agentName: record.agent.name } : {}) } : { by: 'bot' as const }),
    status: record.status,
  };
}

function outboundText(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'menu':
      return `${message.text}\n${message.options.map((o) => `• ${o.label}`).join('\n')}`;
    case 'media':
      return message.caption ?? `[${message.mediaType}]`;
    case 'template':
      return `[template ${message.name}]`;
    case 'location':
      return message.name ?? '[location]';
  }
}
