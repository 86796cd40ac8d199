import { createHash } from 'node:crypto';
import { channelKey } from '../records/contact-repository';
import type { ChannelRef } from './inbound-event';

/** The SessionStore keys of one contact's conversation on one channel. */
export interface ConversationKeys {
  /** Stable across the contact's successive conversations; also the conversation records' key. */
  conversation: string;
  queue: string;
  lock: string;
  session: string;
}

/**
 * Names the keys of a conversation. The store keeps snapshots, queues and locks in separate
 * namespaces, so all three are the conversation key itself: short keys are memory saved per
 * conversation, and the queue name alone is enough to find its lock.
 */
export function conversationKeys(workspaceId: string, channel: ChannelRef, address: string): ConversationKeys {
  const conversation = `${workspaceId}:${channelKey(channel)}:${address}`;
  return { conversation, queue: conversation, lock: conversation, session: conversation };
}

/** The lock of a queue, as named by `conversationKeys`. */
export function lockOfQueue(queue: string): string {
  return queue;
}

/** The session of a queue, as named by `conversationKeys`. */
export function sessionOfQueue(queue: string): string {
  return queue;
}

/**
 * The dedup key of an inbound event id: a 128-bit digest rather than the id itself (a wamid is
 * about 60 characters), since one is kept per message for a week.
 */
export function dedupKey(workspaceId: string, eventId: string): string {
  return `${workspaceId}:${createHash('sha256').update(eventId).digest('base64url').slice(0, 22)}`;
}
