import type { AiMemoryRecord, AiMemoryRepository } from '../ai/ai-memory-repository';
import { timerKey } from '../conversation/carry-out';
import { conversationKeys } from '../conversation/conversation-keys';
import { parseSessionState } from '../conversation/session-state';
import type { MediaStore } from '../media/media-store';
import type { DocumentStore } from '../ports/document-store';
import type { SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import type { Records } from '../records/records';
import { contactView, conversationDetail } from './record-views';
import { iso } from './route-spec';

export interface ContactDataDeps {
  records: Records;
  sessions: Pick<SessionStore, 'getSession' | 'deleteSession' | 'cancelTimer'>;
  /** What the AI remembers about the contact, when AI nodes run. */
  aiMemory?: AiMemoryData;
  /** The files the contact sent or was sent. */
  media?: Pick<MediaStore, 'deleteForContact'>;
}

/** The AI's memory of a contact: their profile, and a summary per conversation. */
export interface AiMemoryData {
  export(workspaceId: string, contactId: string, conversationIds: string[]): Promise<Record<string, unknown>>;
  forget(workspaceId: string, contactId: string, conversationIds: string[]): Promise<void>;
}

/**
 * The AI memory of contacts over its repository. The repository forgets profiles but not
 * conversation summaries, so those are deleted from their collection here.
 */
export function createAiMemoryData(documents: DocumentStore, repository: AiMemoryRepository): AiMemoryData {
  const memories = documents.collection<AiMemoryRecord>('ai_memory');
  return {
    async export(workspaceId, contactId, conversationIds) {
      const profile = await repository.profile(workspaceId, contactId);
      const found = conversationIds.length > 0 ? await memories.find({ workspaceId, id: { $in: conversationIds } }) : [];
      return {
        ...(profile ? { profile: { name: profile.name, preferences: profile.preferences } } : {}),
        summaries: found.flatMap((m) => (m.summary ? [{ conversationId: m.id, summary: m.summary }] : [])),
      };
    },
    async forget(workspaceId, contactId, conversationIds) {
      await repository.deleteProfile(workspaceId, contactId);
      if (conversationIds.length > 0) await memories.delete({ workspaceId, id: { $in: conversationIds } }, { erase: true });
    },
  };
}

export interface DeletedCounts {
  conversations: number;
  messages: number;
  orders: number;
}

/**
 * Deletes everything kept about a contact: the running conversation's session state and pending
 * timer first (so no turn brings anything back from them), then the AI's memory of them, their files, messages,
 * orders, conversations and the contact record.
 */
export async function deleteContactData(deps: ContactDataDeps, workspaceId: string, contact: ContactRecord): Promise<DeletedCounts> {
  const keys = conversationKeys(workspaceId, contact.channel, contact.address);
  const state = parseSessionState(await deps.sessions.getSession(keys.session));
  const timerId = state?.snapshot?.context?.node.timerId;
  if (state?.conversation && timerId) await deps.sessions.cancelTimer(timerKey(state.conversation.id, timerId));
  await deps.sessions.deleteSession(keys.session);
  const { records } = deps;
  const conversationIds = (await records.conversations.list(workspaceId, { contactId: contact.id })).map((c) => c.id);
  await deps.aiMemory?.forget(workspaceId, contact.id, conversationIds);
  await deps.media?.deleteForContact(workspaceId, contact.id);
  const messages = await records.messages.deleteForContact(workspaceId, contact.id);
  const orders = await records.orders.deleteForContact(workspaceId, contact.id);
  const conversations = await records.conversations.deleteForContact(workspaceId, contact.id);
  await records.contacts.delete(workspaceId, contact.id);
  return { conversations, messages, orders };
}

/** Everything kept about a contact, for their data export (their number included: it is theirs). */
export async function exportContactData(deps: ContactDataDeps, workspaceId: string, contact: ContactRecord, now: number) {
  const { records } = deps;
  const conversations = await records.conversations.list(workspaceId, { contactId: contact.id });
  const transcripts = await Promise.all(
    conversations.map(async (c) => conversationDetail(c, await records.messages.forConversation(workspaceId, c.id))),
  );
  const orders = await records.orders.list(workspaceId, { contactId: contact.id });
  const ai = await deps.aiMemory?.export(
    workspaceId,
    contact.id,
    conversations.map((c) => c.id),
  );
  return {
    contact: { ...contactView(contact), address: contact.address },
    conversations: transcripts,
    orders: orders.map(({ workspaceId: _ws, ...order }) => ({ ...order, createdAt: iso(order.createdAt) })),
    ...(ai ? { ai } : {}),
    exportedAt: iso(now),
  };
}
