import type { ContactRecord } from '../records/contact-repository';
import type { ConversationRecord } from '../records/conversation-repository';
import type { MessageRecord } from '../records/message-repository';
import { iso } from './route-spec';

/** How the API shows records: ISO times, and none of the internal keys that embed a phone number. */
export function conversationSummary(record: ConversationRecord) {
  return {
    id: record.id,
    contactId: record.contactId,
    channel: record.channel,
    flowId: record.flowId,
    flowVersion: record.flowVersion,
    status: record.status,
    nodeId: record.nodeId,
    startedAt: iso(record.startedAt),
    updatedAt: iso(record.updatedAt),
    ...(record.endedAt !== undefined ? { endedAt: iso(record.endedAt) } : {}),
  };
}

export function conversationDetail(record: ConversationRecord, messages: MessageRecord[]) {
  return {
    ...conversationSummary(record),
    vars: record.vars,
    ...(record.department ? { department: record.department } : {}),
    ...(record.handoffNote ? { handoffNote: record.handoffNote } : {}),
    ...(record.outcome ? { outcome: record.outcome } : {}),
    ...(record.lastFailure ? { lastFailure: { ...record.lastFailure, at: iso(record.lastFailure.at) } } : {}),
    messages: messages.map(messageView),
  };
}

export function messageView(record: MessageRecord) {
  return {
    id: record.id,
    direction: record.direction,
    status: record.status,
    message: record.message,
    ...(record.direction === 'out' && record.nodeId ? { nodeId: record.nodeId } : {}),
    ...(record.direction === 'out' && record.error ? { error: record.error } : {}),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}

/** A contact without their address: the address leaves the server only in their own data export. */
export function contactView(record: ContactRecord) {
  return {
    id: record.id,
    ...(record.name ? { name: record.name } : {}),
    ...(record.attributes ? { attributes: record.attributes } : {}),
    tags: record.tags ?? [],
    channel: record.channel,
    optedOut: record.optedOut,
    optedIn: record.optedIn === true,
    blocked: record.blocked === true,
    ...(record.lastInboundAt !== undefined ? { lastInboundAt: iso(record.lastInboundAt) } : {}),
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
  };
}
