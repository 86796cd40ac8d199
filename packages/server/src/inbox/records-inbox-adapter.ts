import { userMessageText } from '@chatflow/engine';
import type { Records } from '../records/records';
import type { InboxEvents } from './inbox-events';

/**
 * The conversation records with the inbox listening in: a conversation entering `handoff` is
 * announced as `waiting`, and a customer message in a handed-off conversation as `message`, the
 * moment the pipeline records them.
 *
 * @example
 * const records = withInboxEvents(createRecords(documents), events);
 */
export function withInboxEvents(records: Records, events: InboxEvents): Records {
  const { conversations, messages } = records;
  return {
    ...records,
    conversations: {
      ...conversations,
      async upsert(record) {
        const before = record.status === 'handoff' ? await conversations.get(record.workspaceId, record.id) : undefined;
        const saved = await conversations.upsert(record);
        if (record.status === 'handoff' && before?.status !== 'handoff') {
          events.publish(
            record.workspaceId,
            {
              type: 'waiting',
              conversationId: record.id,
              ...(record.department ? { department: record.department } : {}),
              ...(record.handoffNote ? { note: record.handoffNote } : {}),
              at: record.updatedAt,
            },
            record,
          );
        }
        return saved;
      },
    },
    messages: {
      ...messages,
      async markProcessed(workspaceId, channelMessageId, owner, now) {
        await messages.markProcessed(workspaceId, channelMessageId, owner, now);
        if (!owner.conversationId) return;
        const conversation = await conversations.get(workspaceId, owner.conversationId);
        if (conversation?.status !== 'handoff') return;
        const inbound = await messages.findInbound(workspaceId, channelMessageId);
        if (!inbound) return;
        events.publish(
          workspaceId,
          {
            type: 'message',
            conversationId: owner.conversationId,
            direction: 'in',
            text: userMessageText(inbound.message),
            at: inbound.createdAt,
          },
          conversation,
        );
      },
    },
  };
}
