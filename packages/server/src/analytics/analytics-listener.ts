import type { InboundEvent } from '../conversation/inbound-event';
import type { SessionState } from '../conversation/session-state';
import { SIMULATOR_FLOW_PREFIX } from '../simulator/simulator-flow-source';
import { responseBin } from './analytics-bucket';
import { type AnalyticsCounter, emptyDelta } from './analytics-counter';

/** End-node outcomes that do not count as resolved; any other outcome does. */
export const UNRESOLVED_OUTCOMES = new Set(['not-understood', 'unresolved', 'failed', 'abandoned']);

/**
 * The conversation service's turn listener for analytics: counts the turn (messages in and out,
 * a conversation started, ended, resolved or handed off, the nodes entered and the exits taken,
 * how long the bot took to answer) from its outbox. Test-chat conversations are not counted.
 */
export function analyticsTurnListener(counter: AnalyticsCounter, clock: () => number = Date.now) {
  return (item: InboundEvent, _before: SessionState | undefined, after: SessionState): void => {
    const outbox = after.outbox;
    if (!outbox || outbox.eventId !== item.id) return;
    const conversation = after.conversation ?? outbox.conversation;
    if (!conversation || conversation.flowId.startsWith(SIMULATOR_FLOW_PREFIX)) return;
    const delta = emptyDelta();
    const { counts, nodes } = delta;
    const sends = outbox.effects.filter((e) => e.type === 'message.send');
    if (outbox.inbound) counts.inbound = 1;
    counts.outbound = sends.length;
    counts.templatesSent = sends.filter((e) => e.message.kind === 'template').length;
    if (outbox.started) counts.started = 1;
    if (outbox.optOut === true) counts.optOuts = 1;
    if (outbox.effects.some((e) => e.type === 'handoff')) counts.handedOff = 1;
    if (outbox.conversation) {
      counts.ended = 1;
      const outcome = outbox.conversation.outcome;
      if (outcome && !UNRESOLVED_OUTCOMES.has(outcome)) counts.resolved = 1;
    }
    for (const visit of outbox.visits ?? []) {
      const [nodeId, exit] = visit.split('>') as [string, string | undefined];
      const node = nodes[nodeId] ?? { entered: 0, exits: {} };
      nodes[nodeId] = node;
      if (exit === undefined) node.entered += 1;
      else node.exits[exit] = (node.exits[exit] ?? 0) + 1;
    }
    const now = clock();
    if (outbox.inbound && sends.length > 0) delta.botResponse[responseBin(Math.max(0, now - item.receivedAt))] = 1;
    const key = {
      workspaceId: item.workspaceId,
      flowId: conversation.flowId,
      flowVersion: conversation.flowVersion,
      channel: item.channel.kind,
      department: conversation.department ?? '',
    };
    counter.add(key, outbox.at, delta);
  };
}
