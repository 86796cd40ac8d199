import type { OutboundMessage } from '@chatflow/engine';

type Template = Extract<OutboundMessage, { kind: 'template' }>;

interface TemplateBubbleProps {
  message: Template;
  at: string;
  onChoose: (id: string, title: string) => void;
}

/** A template as sent: its name and the values of its parameters, and its quick replies to tap. */
export function TemplateBubble({ message, at, onChoose }: TemplateBubbleProps) {
  const values = [...message.params, ...Object.entries(message.namedParams ?? {}).map(([name, value]) => `${name}: ${value}`)];
  const replies = (message.buttons ?? []).flatMap((b) => (b.type === 'quick_reply' ? [b] : []));
  return (
    <div className="bubble-row is-out">
      <div className="bubble-stack">
        <div className="bubble bubble-out" data-testid="chat-out">
          <span className="bubble-text">
            <span className="bubble-tag">Template</span> {message.name} ({message.language})
            {values.length ? <span className="bubble-sub"> {values.join(' · ')}</span> : null}
          </span>
          <span className="bubble-time">{at}</span>
        </div>
        {replies.length > 0 ? (
          <div className="reply-buttons">
            {replies.map((reply) => (
              <button
                key={reply.index}
                type="button"
                className="reply-button"
                onClick={() => onChoose(reply.payload, reply.title ?? reply.payload)}
              >
                {reply.title ?? reply.payload}
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
