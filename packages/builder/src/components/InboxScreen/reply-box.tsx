import { type FormEvent, type KeyboardEvent, useState } from 'react';
import type { ApiTime } from '../../api/inbox-api';

interface ReplyBoxProps {
  /** Only the agent holding the conversation may write. */
  enabled: boolean;
  busy: boolean;
  windowClosesAt: ApiTime | undefined;
  waitingForTake: boolean;
  colleague: string | undefined;
  onSend: (text: string) => Promise<void>;
}

/** How long is left of WhatsApp's 24-hour window, as a short phrase; undefined once it closed. */
function windowLeft(closesAt: ApiTime | undefined, now: number): string | undefined {
  if (closesAt === undefined) return 'no time limit';
  const ms = new Date(closesAt).getTime() - now;
  if (!(ms > 0)) return undefined;
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1 ? `${hours} h left to reply` : `${Math.max(1, Math.floor(ms / 60_000))} min left to reply`;
}

/**
 * The agent's reply, sent through the server to WhatsApp. Enter sends, Shift+Enter starts a new
 * line. The server's refusal (outside the 24-hour window, a send that failed) shows above the box
 * and the text stays, so nothing typed is lost.
 */
export function ReplyBox({ enabled, busy, windowClosesAt, waitingForTake, colleague, onSend }: ReplyBoxProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const left = windowLeft(windowClosesAt, Date.now());

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || !enabled || busy) return;
    setError(undefined);
    try {
      await onSend(body);
      setText('');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="reply" onSubmit={send}>
      {error ? (
        <div className="reply-error" role="alert" data-testid="reply-error">
          <strong>Not sent.</strong> {error}
        </div>
      ) : null}
      {enabled && !left ? (
        <div className="reply-warning">
          WhatsApp's 24-hour window has closed: the customer must write first, or the business must use an approved template.
        </div>
      ) : null}
      <div className="reply-row">
        <textarea
          aria-label="Reply to the customer"
          placeholder={
            enabled
              ? 'Type a reply'
              : waitingForTake
                ? 'Take the conversation over to reply'
                : `${colleague ?? 'Another agent'} is handling this conversation`
          }
          value={text}
          disabled={!enabled}
          rows={2}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={keyDown}
        />
        <button type="submit" className="button button-primary reply-send" disabled={!enabled || busy || !text.trim()}>
          Send
        </button>
      </div>
      {enabled && left ? <div className="reply-hint">Enter sends · Shift+Enter for a new line · {left}</div> : null}
    </form>
  );
}
