import type { Records } from '../records/records';
import { callerOf } from '../security/require-auth';
import { HttpError } from './http-error';
import { conversationDetail, conversationSummary } from './record-views';
import { param, type RouteSpec } from './route-spec';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Conversations: the list (by status or contact) and one conversation's transcript, node and variables. */
export function conversationRoutes(records: Pick<Records, 'conversations' | 'messages'>): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/conversations',
      tag: 'conversations',
      summary: 'List conversations, most recently active first',
      query: {
        status: { schema: ref('ConversationStatus'), description: 'Only conversations in this status' },
        contactId: { schema: { type: 'string', minLength: 1 }, description: "Only this contact's conversations" },
        limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'At most this many (1 to 999, default 100)' },
      },
      responses: { 200: { description: 'Conversations', schema: { type: 'array', items: ref('ConversationSummary') } } },
      handler: async (req, res) => {
        const { status, contactId, limit } = req.query as {
          status?: 'active' | 'handoff' | 'ended' | 'expired';
          contactId?: string;
          limit?: string;
        };
        const list = await records.conversations.list(
          callerOf(res).workspaceId,
          { ...(status ? { status } : {}), ...(contactId ? { contactId } : {}) },
          { limit: limit ? Number(limit) : 100 },
        );
        res.json(list.map(conversationSummary));
      },
    },
    {
      method: 'get',
      path: '/conversations/:id',
      tag: 'conversations',
      summary: 'Get a conversation: its current node, variables and transcript',
      responses: {
        200: { description: 'The conversation', schema: ref('Conversation') },
        404: { description: 'No conversation with this id', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const conversation = await records.conversations.get(workspaceId, param(req, 'id'));
        if (!conversation) throw new HttpError(404, `conversation "${param(req, 'id')}" not found`, { path: 'id' });
        res.json(conversationDetail(conversation, await records.messages.forConversation(workspaceId, conversation.id)));
      },
    },
  ];
}
