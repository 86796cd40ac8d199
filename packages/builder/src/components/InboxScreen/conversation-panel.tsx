import { useState } from 'react';
import type { InboxConversation } from '../../api/inbox-api';
import { contactLabel } from './contact-label';
import { ReplyBox } from './reply-box';
import { Transcript } from './transcript';

interface ConversationPanelProps {
  conversation: InboxConversation | undefined;
  error: string | undefined;
  busy: boolean;
  agentId: string;
  /** Admins may take a conversation from the agent who holds it. */
  isAdmin: boolean;
  onTake: (force?: boolean) => Promise<void>;
  onReply: (text: string) => Promise<void>;
  onRelease: () => Promise<void>;
  onClose: () => Promise<void>;
}

const STATUS_TEXT: Record<InboxConversation['status'], string> = {
  handoff: '',
  active: 'This conversation is back with the bot.',
  ended: 'This conversation has ended.',
  expired: 'This conversation expired.',
};

/** The open conversation: who and where, take over / hand back / close, the transcript and the reply box. */
export function ConversationPanel({
  conversation,
  error,
  busy,
  agentId,
  isAdmin,
  onTake,
  onReply,
  onRelease,
  onClose,
}: ConversationPanelProps) {
  const [actionError, setActionError] = useState<string>();
  const run = (action: () => Promise<void>) => async () => {
    setActionError(undefined);
    try {
      await action();
    } catch (caught) {
      setActionError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  if (!conversation) {
    return (
      <section className="conversation">
        {error ? <p className="error-box conversation-error">{error}</p> : <p className="muted conversation-loading">Loading…</p>}
      </section>
    );
  }
  const handedOff = conversation.status === 'handoff';
  const mine = handedOff && conversation.state === 'assigned' && conversation.assignedTo?.id === agentId;
  const colleague =
    handedOff && conversation.state === 'assigned' && !mine ? (conversation.assignedTo?.name ?? conversation.assignedTo?.id) : undefined;

  return (
    <section className="conversation" aria-label="Conversation">
      <header className="conversation-head">
        <div className="conversation-who">
          <span className="queue-avatar" aria-hidden="true">
            {contactLabel(conversation).slice(0, 1).toUpperCase()}
          </span>
          <div>
            <h2>{contactLabel(conversation)}</h2>
            <span className="muted">
              {conversation.department ? `${conversation.department} · ` : ''}
              {!handedOff
                ? STATUS_TEXT[conversation.status]
                : mine
                  ? 'You are talking to the customer'
                  : colleague
                    ? `${colleague} is talking to the customer`
                    : 'Waiting for an agent'}
            </span>
          </div>
        </div>
        <div className="conversation-actions">
          {handedOff && conversation.state === 'waiting' ? (
            <button type="button" className="button button-primary" disabled={busy} onClick={run(() => onTake())}>
              Take over
            </button>
          ) : null}
          {colleague && isAdmin ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={run(() => onTake(true))}
              title={`Take the conversation from ${colleague}`}
            >
              Take over from {colleague}
            </button>
          ) : null}
          {mine ? (
            <>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={run(onRelease)}
                title="The bot goes on from the handoff node"
              >
                ↩ Hand back to bot
              </button>
              <button
                type="button"
                className="button button-ghost button-danger-text"
                disabled={busy}
                onClick={run(onClose)}
                title="End the conversation"
              >
                Close
              </button>
            </>
          ) : null}
        </div>
      </header>
      {actionError ? (
        <p className="error-box conversation-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <Transcript entries={conversation.transcript} />
      {handedOff ? (
        <ReplyBox
          key={conversation.id}
          enabled={mine}
          busy={busy}
          windowClosesAt={conversation.windowClosesAt}
          onSend={onReply}
          waitingForTake={conversation.state === 'waiting'}
          colleague={colleague}
        />
      ) : (
        <p className="conversation-over">{STATUS_TEXT[conversation.status]}</p>
      )}
    </section>
  );
}
