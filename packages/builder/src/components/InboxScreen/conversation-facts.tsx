import type { InboxConversation } from '../../api/inbox-api';

/** A variable's value as one line of text. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value || '""';
  return JSON.stringify(value);
}

/** What the bot knows about the conversation: the handoff note, the flow and node, and its variables. */
export function ConversationFacts({ conversation }: { conversation: InboxConversation | undefined }) {
  const vars = Object.entries(conversation?.vars ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <aside className="facts" aria-label="Conversation details">
      {conversation?.note ? (
        <section className="facts-section">
          <h3>Note from the bot</h3>
          <p className="facts-note">{conversation.note}</p>
        </section>
      ) : null}
      <section className="facts-section">
        <h3>Variables</h3>
        {vars.length === 0 ? <p className="muted">The bot collected nothing.</p> : null}
        <dl className="facts-vars" data-testid="conversation-vars">
          {vars.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd title={show(value)}>{show(value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {conversation ? (
        <section className="facts-section">
          <h3>Flow</h3>
          <dl className="facts-vars">
            <div>
              <dt>flow</dt>
              <dd>{conversation.flowId}</dd>
            </div>
            <div>
              <dt>node</dt>
              <dd>{conversation.nodeId}</dd>
            </div>
          </dl>
        </section>
      ) : null}
    </aside>
  );
}
