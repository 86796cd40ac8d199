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
import type { Receipt } from './read-receipts';
import type { Outbox, SessionState } from './session-state';
import type { StatusBacklog } from './status-backlog';

export interface CarryOutDeps {
  records: Records;
  sessions: SessionStore;
  channels: (ref: ChannelRef) => Channel;
  clock: () => number;
  logger: Logger;
  /** The late-131047 fallback (the service's `reengage`), for a `failed` status that arrived before its record. */
  reengage?: (workspaceId: string, providerMessageId: string) => Promise<void>;
  /** How long a resumed turn waits for a status saying an unrecorded message went out, before sending it. */
  statusWaitMs: number;
  /** Statuses redelivered from before this process started: while they arrive, a resumed turn keeps waiting. */
  statusBacklog: StatusBacklog;
}

/** Graph's code for a message sent outside the customer's 24-hour window. */
const REENGAGEMENT_REQUIRED = 131047;

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
 * records are written whole or by unique key, timers by id, orders by `<event id>:<index>`.
 *
 * Exactly once, and where it can fail: the outbox (committed with the snapshot before this runs)
 * is the durable list of what to send, so a message needs one record, written once its send is
 * over (`sent` with Meta's wamid, `skipped` or `failed`), not a `pending` one before it as well.
 * A first run (`replay` false) sends everything: nothing of a turn committed just now can have
 * been sent. A replay, or a redelivered event, first reads the records of the outbox's keys and
 * sends only what has none (or one still `pending`, from the inbox or an older version). So a
 * crash before a send never loses it, and one after its record was written never doubles it.
 *
 * The window between Meta's acceptance and that record is closed with what Meta gives: each
 * message goes out with its idempotency key as `biz_opaque_callback_data`, which its status
 * webhooks echo. A `resumed` turn (its outbox committed by a run that stopped) waits up to
 * `statusWaitMs` for such a status before sending an unrecorded message again; if one comes, the
 * message is recorded as sent and not resent. Sends go one after another, so once a message is
 * known not to have gone out (no status in time), the later ones are sent without waiting. Only a
 * status that comes later than the wait still leaves a reply doubled (at-least-once): a customer
 * who gets no answer is worse off than one who rarely sees a reply twice.
 */
export async function carryOut(
  deps: CarryOutDeps,
  item: QueueItem,
  keys: ConversationKeys,
  contact: ContactRecord,
  state: SessionState,
  outbox: Outbox,
  options: { replay: boolean; resumed?: boolean; receipt?: Receipt | undefined },
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

  // The turn's writes go on beside its sends (none of them decides what is sent), and all are done
  // before the turn is acknowledged; one that fails fails the turn, whose replay sends nothing
  // recorded as sent. Each is observed at once, so a failure is never an unhandled rejection.
  const writes: Promise<unknown>[] = [];
  const track = <V>(write: Promise<V>): Promise<V> => {
    write.catch(() => undefined);
    writes.push(write);
    return write;
  };
  const saved = track(conversation ? records.conversations.upsert(conversation) : Promise.resolve(undefined));
  if (outbox.optOut !== undefined) track(records.contacts.setOptedOut(workspaceId, contact.id, outbox.optOut, outbox.at));
  for (const [i, effect] of outbox.effects.entries()) {
    if (effect.type === 'timer.schedule' && conversation) {
      const payload: TimerPayload = {
        workspaceId,
        channel: item.channel,
        address: item.address,
        conversationId: conversation.id,
        timerId: effect.timerId,
      };
      track(sessions.scheduleTimer(timerKey(conversation.id, effect.timerId), outbox.at + effect.delayMs, JSON.stringify(payload)));
    } else if (effect.type === 'timer.cancel' && conversation) {
      track(sessions.cancelTimer(timerKey(conversation.id, effect.timerId)));
    } else if (effect.type === 'order.create' && conversation) {
      track(
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
  const template = outbox.outsideWindowTemplate ? { key: `${item.id}:window`, message: outbox.outsideWindowTemplate } : undefined;
  const known = options.replay ? await recordedBefore(records, workspaceId, [...sends, ...(template ? [template] : [])]) : new Map();
  // The customer message is marked processed once the conversation is written (the inbox, told of
  // it then, reads the conversation).
  if (outbox.inbound) {
    const received =
      item.event.type === 'user.message'
        ? { message: item.event.message, conversationKey: keys.conversation, receivedAt: item.receivedAt }
        : undefined;
    const owner = {
      ...(conversation ? { conversationId: conversation.id } : {}),
      contactId: contact.id,
      ...(received ? { received } : {}),
    };
    track(saved.then(() => records.messages.markProcessed(workspaceId, item.id, owner, outbox.at)));
  }
  // A typing indicator being shown goes first, so it never shows after the reply.
  await options.receipt?.beforeReply();

  const lastInboundAt = Math.max(contact.lastInboundAt ?? 0, state.lastInboundAt ?? 0);
  const target = { workspaceId, channel: item.channel, address: item.address, ...(lastInboundAt > 0 ? { lastInboundAt } : {}) };
  const channel = deps.channels(item.channel);
  let outsideWindow = false;
  const late131047: string[] = [];
  /** Whether the next unrecorded message may have gone out in the run that stopped. */
  let maybeSent = options.resumed === true;
  /**
   * Sends one message unless a record (or, in a resumed turn, a status carrying its key) says it
   * went out before; its record is written without holding up the next send.
   */
  const deliver = async (send: { key: string; nodeId?: string; message: OutboundMessage }, seq: number): Promise<void> => {
    const before = known.get(send.key);
    if (before && before.status !== 'pending') {
      if (before.status === 'skipped' && before.error?.reason === OUTSIDE_WINDOW) outsideWindow = true;
      return;
    }
    const record = before ?? recordOf(send, seq);
    const earlier = maybeSent ? await statusOfEarlierSend(deps, workspaceId, send.key) : undefined;
    if (!earlier) maybeSent = false;
    const result: SendResult = earlier ? { status: 'sent', providerMessageId: earlier } : await attempt(deps, channel, target, record);
    if (result.status === 'skipped' && result.reason === OUTSIDE_WINDOW) outsideWindow = true;
    const settled = { ...record, ...settlement(result), updatedAt: deps.clock() };
    const stored = before
      ? records.messages.settleOutbound(workspaceId, record.idempotencyKey, settlement(result), settled.updatedAt)
      : records.messages.recordOutbound(settled).then((written) => {
          // A 131047 `failed` status that beat the record here: answered as the webhook would have.
          if (result.status === 'sent' && written.status === 'failed' && written.error?.code === REENGAGEMENT_REQUIRED) {
            late131047.push(written.providerMessageId ?? '');
          }
        });
    track(stored);
  };
  for (const [i, send] of sends.entries()) await deliver(send, i);
  if (outsideWindow && template) {
    // One template per turn re-opens the conversation, however many messages were held back.
    await deliver(template, sends.length);
  }
  await Promise.all(writes);
  if (deps.reengage) for (const wamid of late131047) await deps.reengage(workspaceId, wamid);
}

/** On a replay: the records of the outbox's messages that a previous run wrote, by key. */
async function recordedBefore(
  records: Records,
  workspaceId: string,
  sends: { key: string }[],
): Promise<Map<string, OutboundMessageRecord>> {
  const found = await Promise.all(sends.map((send) => records.messages.findOutbound(workspaceId, send.key)));
  const known = new Map<string, OutboundMessageRecord>();
  for (const record of found) if (record) known.set(record.idempotencyKey, record);
  return known;
}

/** How often a resumed turn looks for the status of a message it may have sent. */
const STATUS_POLL_MS = 50;

/**
 * The provider id a status reported for the message sent with `key`, if one comes within
 * `statusWaitMs` (longer while statuses of an earlier run are still being redelivered).
 */
async function statusOfEarlierSend(
  deps: Pick<CarryOutDeps, 'records' | 'clock' | 'statusWaitMs' | 'statusBacklog'>,
  workspaceId: string,
  key: string,
): Promise<string | undefined> {
  const since = deps.clock();
  for (;;) {
    const providerMessageId = await deps.records.messages.sentEarlier(workspaceId, key);
    if (providerMessageId || deps.clock() >= deps.statusBacklog.waitsUntil(since, deps.statusWaitMs)) return providerMessageId;
    await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
  }
}

/** One send; a channel that throws counts as a failed send. */
async function attempt(
  deps: Pick<CarryOutDeps, 'logger'>,
  channel: Channel,
  target: Parameters<Channel['send']>[0],
  record: OutboundMessageRecord,
): Promise<SendResult> {
  try {
    return await channel.send(target, record.message, record.idempotencyKey);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.logger.error('channel send threw', { key: record.idempotencyKey, reason });
    return { status: 'failed', reason };
  }
}

/** Sends a recorded `pending` message and records the outcome on it. */
export async function sendAndSettle(
  deps: Pick<CarryOutDeps, 'records' | 'clock' | 'logger'>,
  channel: Channel,
  target: Parameters<Channel['send']>[0],
  record: OutboundMessageRecord,
): Promise<SendResult> {
  const result = await attempt(deps, channel, target, record);
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
    ...(meta.lastFailure ? { lastFailure: meta.lastFailure } : {}),
    startedAt: meta.startedAt,
    updatedAt: at,
  };
}
