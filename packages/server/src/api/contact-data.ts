import { timerKey } from '../conversation/carry-out';
import { conversationKeys } from '../conversation/conversation-keys';
import { parseSessionState } from '../conversation/session-state';
import type { SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import type { Records } from '../records/records';

export interface ContactDataDeps {
  records: Records;
  sessions: Pick<SessionStore, 'getSession' | 'deleteSession' | 'cancelTimer'>;
}

export interface DeletedCounts {
  conversations: number;
  messages: number;
  orders: number;
}

/**
 * Deletes everything kept about a contact: the running conversation's session state and pending
 * timer first (so no turn brings anything back from them), then messages, orders, conversations
 * and the contact record.
 */
export async function deleteContactData(deps: ContactDataDeps, workspaceId: string, contact: ContactRecord): Promise<DeletedCounts> {
  const keys = conversationKeys(workspaceId, contact.channel, contact.address);
  const state = parseSessionState(await deps.sessions.getSession(keys.session));
  const timerId = state?.snapshot?.context?.node.timerId;
  if (state?.conversation && timerId) await deps.sessions.cancelTimer(timerKey(state.conversation.id, timerId));
  await deps.sessions.deleteSession(keys.session);
  const { records } = deps;
  const messages = await records.messages.deleteForContact(workspaceId, contact.id);
  const orders = await records.orders.deleteForContact(workspaceId, contact.id);
  const conversations = await records.conversations.deleteForContact(workspaceId, contact.id);
  await records.contacts.delete(workspaceId, contact.id);
  return { conversations, messages, orders };
}
