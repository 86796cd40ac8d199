import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '../../api/inbox-api';

const time = (at: string | number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const day = (at: string | number) => new Date(at).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });

/**
 * The conversation as the business sees it on WhatsApp: the customer's messages on the left, the
 * bot's and the agents' on the right (agents' in a stronger green, each labelled).
 */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLDivElement>(null);
  // Follow the newest message, as a chat does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls each time the number of messages changes
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries.length]);
  let lastDay = '';
  return (
    <div className="transcript" data-testid="transcript">
      {entries.length === 0 ? <p className="muted transcript-empty">No messages yet.</p> : null}
      {entries.map((entry, index) => {
        const thisDay = day(entry.at);
        const divider = thisDay !== lastDay ? thisDay : undefined;
        lastDay = thisDay;
        const who = entry.direction === 'in' ? 'customer' : (entry.by ?? 'bot');
        return (
          // Messages have no id in the transcript; they are only ever appended, so the position is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <div key={index}>
            {divider ? <div className="transcript-day">{divider}</div> : null}
            <div className={`t-row is-${who}`} data-testid={`t-${who}`}>
              <div className="t-bubble">
                {who === 'customer' ? null : <span className="t-by">{who === 'agent' ? (entry.agentName ?? 'Agent') : 'Bot'}</span>}
                <span className="t-text">{entry.text}</span>
                <span className="t-meta">
                  {time(entry.at)}
                  {entry.status === 'failed' ? <span className="t-failed"> · not delivered</span> : null}
                  {entry.status === 'skipped' ? <span className="t-failed"> · not sent</span> : null}
                  {entry.status === 'read' ? ' ✓✓' : entry.status === 'delivered' ? ' ✓✓' : entry.status === 'sent' ? ' ✓' : ''}
                </span>
              </div>
            </div>
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
