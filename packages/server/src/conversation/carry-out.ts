import { randomUUID } from 'node:crypto';
import type { OutboundMessage } from '@chatflow/engine';
import type { SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import type { ConversationRecord } from '../records/conversation-repository';
import type { OutboundMessageRecord } from '../records/message-repository';
import type { Records } from '../records/records';
import { type Channel, OUTSIDE_WINDOW, type SendResult } from './channel';
import type { ConversationKeys } from './conversation-keys';
import type { ChannelRef } from './inbound-event';
import type { Logger } from './logger';
import type { QueueItem } from './queue-item';
import type { Outbox, SessionState } from './session-state';

export interface CarryOutDeps {
  records: Records;
  sessions: SessionStore;
  channels: (ref: ChannelRef) => Channel;
  clock: () => number;
  logger: Logger;
}

/** The SessionStore id of a conversation's timer. */
export function timerKey(conversationId: string, timerId: string): string {
  return `${conversationId}:${timerId}`;
}

/** What a fired timer carries back into its conversation's queue. */
export interface TimerPayload {
  workspaceId: string;
  channel: ChannelRef;
  address: string;
  conversationId: string;
  timerId: string;
}

/**
 * Carries out a committed turn's outbox. Every step is idempotent, so a turn interrupted by a
 * crash is finished by running this again (its queue item is acknowledged only after this):
 * records are written whole or by unique key, timers by id, and a message is sent only while its
 * record is still `pending`.
 *
 * Exactly once, and where it can fail: a message's record is created `pending` before the send
 * and marked `sent` (with Meta's wamid) right after Meta accepts it. A replay skips every key no
 * longer pending, so a crash anywhere before the send, or after the record was marked, never
 * doubles a message, and a crash before the send never loses one. The one window left is a crash
 * between Meta's acceptance and that single update: the replay sends again (at-least-once). We
 * choose that over marking before sending (at-most-once) because the Cloud API has no idempotency
 * key, and a customer who gets no answer is worse off than one who rarely sees a reply twice.
 */
export async function carryOut(
  deps: CarryOutDeps,
  item: QueueItem,
  keys: ConversationKeys,
  contact: ContactRecord,
  state: SessionState,
  outbox: Outbox,
  typing?: Promise<void>,
): Promise<void> {
  const { records, sessions } = deps;
  const workspaceId = item.workspaceId;
  const conversation = outbox.conversation ?? (outbox.open ? openRecord(state, keys, item, contact.id, outbox.at) : undefined);
  const sends = outbox.effects.flatMap((e, i) =>
    e.type === 'message.send' ? [{ nodeId: e.nodeId, message: e.message, key: e.key ?? `${outbox.eventId}:${i}` }] : [],
  );
  const recordOf = (send: { key: string; nodeId?: string; message: OutboundMessage }, seq: number): OutboundMessageRecord => ({
    id: randomUUID(),
    workspaceId,
    key: `out:${send.key}`,
    conversationKey: keys.conversation,
    ...(conversation ? { conversationId: conversation.id } : {}),
    contactId: contact.id,
    direction: 'out',
    status: 'pending',
    message: send.message,
    idempotencyKey: send.key,
    ...(send.nodeId ? { nodeId: send.nodeId } : {}),
    createdAt: outbox.at,
    seq,
    updatedAt: outbox.at,
  });

  const writes: Promise<unknown>[] = [typing ?? Promise.resolve()];
  if (conversation) writes.push(records.conversations.upsert(conversation));
  if (outbox.inbound)
    writes.push(
      records.messages.markProcessed(workspaceId, item.id, { conversationId: conversation?.id, contactId: contact.id }, outbox.at),
    );
  if (outbox.optOut !== undefined) writes.push(records.contacts.setOptedOut(workspaceId, contact.id, outbox.optOut, outbox.at));
  for (const [i, effect] of outbox.effects.entries()) {
    if (effect.type === 'timer.schedule' && conversation) {
      const payload: TimerPayload = {
        workspaceId,
        channel: item.channel,
        address: item.address,
        conversationId: conversation.id,
        timerId: effect.timerId,
      };
      writes.push(sessions.scheduleTimer(timerKey(conversation.id, effect.timerId), outbox.at + effect.delayMs, JSON.stringify(payload)));
    } else if (effect.type === 'timer.cancel' && conversation) {
      writes.push(sessions.cancelTimer(timerKey(conversation.id, effect.timerId)));
    } else if (effect.type === 'order.create' && conversation) {
      writes.push(
        records.orders.create({
          ...effect.order,
          id: `${item.id}:${i}`,
          workspaceId,
          conversationId: conversation.id,
          contactId: contact.id,
          status: 'new',
          createdAt: outbox.at,
        }),
      );
    }
  }
  const pending = sends.map((send, i) => records.messages.ensureOutbound(recordOf(send, i)));
  await Promise.all([...writes, ...pending]);

  const target = {
    workspaceId,
    channel: item.channel,
    address: item.address,
    ...(contact.lastInboundAt ? { lastInboundAt: contact.lastInboundAt } : {}),
  };
  const channel = deps.channels(item.channel);
  let outsideWindow = false;
  const deliver = async (record: OutboundMessageRecord): Promise<void> => {
    if (record.status !== 'pending') {
      if (record.status === 'skipped' && record.error?.reason === OUTSIDE_WINDOW) outsideWindow = true;
      return;
    }
    const result = await sendAndSettle(deps, channel, target, record);
    if (result.status === 'skipped' && result.reason === OUTSIDE_WINDOW) outsideWindow = true;
  };
  for (const record of await Promise.all(pending)) await deliver(record);
  if (outsideWindow && outbox.outsideWindowTemplate) {
    // One template per turn re-opens the conversation, however many messages were held back.
    const template = { key: `${item.id}:window`, message: outbox.outsideWindowTemplate };
    await deliver(await records.messages.ensureOutbound(recordOf(template, sends.length)));
  }
}

/** Sends a recorded `pending` message and records the outcome on it. */
export async function sendAndSettle(
  deps: Pick<CarryOutDeps, 'records' | 'clock' | 'logger'>,
  channel: Channel,
  target: Parameters<Channel['send']>[0],
  record: OutboundMessageRecord,
): Promise<SendResult> {
  let result: SendResult;
  try {
    result = await channel.send(target, record.message, record.idempotencyKey);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.logger.error('channel send threw', { key: record.idempotencyKey, reason });
    result = { status: 'failed', reason };
  }
  await deps.records.messages.settleOutbound(record.workspaceId, record.idempotencyKey, settlement(result), deps.clock());
  return result;
}

function settlement(result: SendResult): Parameters<Records['messages']['settleOutbound']>[2] {
  switch (result.status) {
    case 'sent':
      return { status: 'sent', ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}) };
    case 'skipped':
      return { status: 'skipped', error: { reason: result.reason } };
    case 'failed':
      return { status: 'failed', error: { ...(result.code !== undefined ? { code: result.code } : {}), reason: result.reason } };
  }
}

/** The record of a conversation still open after the turn, rebuilt from its state. */
function openRecord(
  state: SessionState,
  keys: ConversationKeys,
  item: QueueItem,
  contactId: string,
  at: number,
): ConversationRecord | undefined {
  const meta = state.conversation;
  const context = state.snapshot?.context;
  if (!meta || !context) return undefined;
  return {
    id: meta.id,
    workspaceId: item.workspaceId,
    conversationKey: keys.conversation,
    contactId,
    channel: item.channel,
    flowId: meta.flowId,
    flowVersion: meta.flowVersion,
    status: meta.status,
    nodeId: context.nodeId,
    vars: context.vars,
    ...(meta.department ? { department: meta.department } : {}),
    ...(meta.handoffNote ? { handoffNote: meta.handoffNote } : {}),
    startedAt: meta.startedAt,
    updatedAt: at,
  };
}
