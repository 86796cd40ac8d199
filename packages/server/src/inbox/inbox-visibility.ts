import type { ConversationRecord } from '../records/conversation-repository';
import type { AuthUser } from '../users/auth-service';
import { runsWorkspace } from '../users/user-repository';

/** What decides who may see a conversation in the inbox. */
export type InboxAudience = Pick<ConversationRecord, 'status' | 'department'>;

/**
 * Whether `user` may see a conversation in the inbox, its REST routes and its live stream alike.
 * Admins see every conversation. Agents see only what a handoff brought to the inbox (a handoff
 * sets the department, and the record keeps it after the hand-back), and of that only their
 * departments' conversations; an agent without departments has them all.
 *
 * @example
 * if (!visibleTo(user, conversation)) throw new HttpError(404, 'not in your inbox');
 */
export function visibleTo(user: AuthUser, conversation: InboxAudience): boolean {
  if (runsWorkspace(user.role)) return true;
  const { department } = conversation;
  if (conversation.status !== 'handoff' && department === undefined) return false;
  return user.departments.length === 0 || (department !== undefined && user.departments.includes(department));
}
