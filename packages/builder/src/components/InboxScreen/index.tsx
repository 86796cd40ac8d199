import { useState } from 'react';
import type { InboxEvent } from '../../api/inbox-api';
import { navigateBusiness } from '../../hooks/use-business-route';
import { useInboxConversation } from '../../hooks/use-inbox-conversation';
import { useInboxEvents } from '../../hooks/use-inbox-events';
import { useInboxQueue } from '../../hooks/use-inbox-queue';
import { ConversationFacts } from './conversation-facts';
import { ConversationPanel } from './conversation-panel';
import { QueueList } from './queue-list';
import './style.css';

interface InboxScreenProps {
  /** The conversation open in the middle (from the address). */
  conversationId?: string | undefined;
  /** The signed-in user's id (`admin` for the ADMIN_TOKEN): tells "mine" from a colleague's. */
  agentId: string;
  isAdmin: boolean;
}

/**
 * The agent inbox: department queues of handed-off conversations on the left, live over SSE; the
 * open conversation's transcript and reply box in the middle; what the bot collected on the right.
 * Every live event reloads the queue and, when it is about the open conversation, that one too.
 */
export function InboxScreen({ conversationId, agentId, isAdmin }: InboxScreenProps) {
  const queue = useInboxQueue();
  const open = useInboxConversation(conversationId);
  const [department, setDepartment] = useState<string>();

  const live = useInboxEvents((event: InboxEvent) => {
    queue.reloadSoon();
    if (event.conversationId === conversationId) void open.reload();
  });

  return (
    <div className="inbox">
      <QueueList
        items={queue.items}
        departments={queue.departments}
        department={department}
        onDepartment={setDepartment}
        selectedId={conversationId}
        agentId={agentId}
        live={live}
        error={queue.error}
        onOpen={(id) => navigateBusiness({ page: 'inbox', id })}
      />
      {conversationId ? (
        <>
          <ConversationPanel
            conversation={open.conversation}
            error={open.error}
            busy={open.busy}
            agentId={agentId}
            isAdmin={isAdmin}
            onTake={open.take}
            onReply={open.reply}
            // The bot's turn runs after the hand-back answers: the `resumed` event brings its replies.
            onRelease={async () => {
              await open.release();
              queue.reload();
            }}
            onClose={async () => {
              await open.close();
              queue.reload();
            }}
          />
          <ConversationFacts conversation={open.conversation} />
        </>
      ) : (
        <div className="inbox-empty">
          <span className="inbox-empty-icon">🎧</span>
          <p>Pick a conversation on the left.</p>
          <p className="muted">Conversations appear here the moment a flow hands a customer to a department.</p>
        </div>
      )}
    </div>
  );
}
