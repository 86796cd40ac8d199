import type { InboundEvent } from '../conversation/inbound-event';
import type { SessionState } from '../conversation/session-state';
import type { InboxEvents } from './inbox-events';

/**
 * The conversation service's turn listener for the inbox: once the bot's turn after a conversation
 * left the agents is over (a hand-back, or a handoff node that waited for an agent in vain), it
 * announces `resumed` with where the conversation is now. The bot's replies are recorded by then,
 * so an inbox that reloads on it shows them, without polling.
 *
 * @example
 * createConversationService({ ..., onTurnDone: inboxTurnListener(events) });
 */
export function inboxTurnListener(events: InboxEvents, clock: () => number = Date.now) {
  return (item: InboundEvent, before: SessionState | undefined, after: SessionState): void => {
    const handedBack = item.event.type === 'agent.released';
    const leftAgents = before?.conversation?.status === 'handoff' && after.conversation?.status !== 'handoff';
    if (!handedBack && !leftAgents) return;
    // An ended conversation is no longer in the session; the turn's outbox holds its record.
    const ended = after.outbox?.conversation;
    const conversationId = after.conversation?.id ?? ended?.id;
    // Who may hear of it: whoever saw the conversation while it was with the agents.
    const audience = before?.conversation ?? after.conversation ?? ended;
    if (!conversationId || !audience) return;
    const status = after.conversation?.status ?? ended?.status ?? 'ended';
    events.publish(item.workspaceId, { type: 'resumed', conversationId, status, at: clock() }, audience);
  };
}
