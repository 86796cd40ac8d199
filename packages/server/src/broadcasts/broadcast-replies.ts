import type { InboundEvent } from '../conversation/inbound-event';
import type { SessionStore } from '../ports/session-store';
import type { BroadcastRepository } from './broadcast-repository';

/** What a contact's next message answers: the last broadcast that reached them, and the flow it names. */
export interface ExpectedReply {
  broadcastId: string;
  recipientId: string;
  flowId?: string;
}

/** A message within a week of a broadcast counts as its reply. */
const REPLY_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * Which broadcast a customer's message answers, kept in the session store per number and address
 * (one fast read on the webhook's path, none in the document store): set before each send, so
 * even a send whose record a crash lost is answered; forgotten on a failure or the first reply.
 */
export function createBroadcastReplies(sessions: SessionStore, broadcasts: BroadcastRepository) {
  const key = (workspaceId: string, phoneNumberId: string, address: string) => `broadcast-reply:${workspaceId}:${phoneNumberId}:${address}`;
  const read = async (k: string): Promise<ExpectedReply | undefined> => {
    const raw = await sessions.getSession(k);
    return raw === undefined ? undefined : (JSON.parse(raw) as ExpectedReply);
  };
  return {
    expect: (workspaceId: string, phoneNumberId: string, address: string, reply: ExpectedReply) =>
      sessions.setSession(key(workspaceId, phoneNumberId, address), JSON.stringify(reply), REPLY_TTL_SECONDS),
    async forget(workspaceId: string, phoneNumberId: string, address: string, recipientId: string): Promise<void> {
      const k = key(workspaceId, phoneNumberId, address);
      if ((await read(k))?.recipientId === recipientId) await sessions.deleteSession(k);
    },
    /**
     * The webhook's `accept` with broadcast replies recognised: a customer message that answers a
     * broadcast is counted as its reply and carries the broadcast's flow, which its turn then
     * starts (or continues, when the conversation already runs it).
     */
    withReplies(accept: (events: InboundEvent[]) => Promise<void>) {
      return async (events: InboundEvent[]): Promise<void> => {
        const answers = await Promise.all(
          events.map((e) =>
            e.event.type === 'user.message' && e.channel.kind === 'whatsapp'
              ? read(key(e.workspaceId, e.channel.phoneNumberId, e.address))
              : undefined,
          ),
        );
        await accept(events.map((e, i) => (answers[i]?.flowId ? { ...e, flowId: answers[i].flowId } : e)));
        await Promise.all(
          events.map(async (e, i) => {
            const answer = answers[i];
            if (!answer || e.channel.kind !== 'whatsapp') return;
            await broadcasts.replied(e.workspaceId, answer.recipientId, e.receivedAt);
            await sessions.deleteSession(key(e.workspaceId, e.channel.phoneNumberId, e.address));
          }),
        );
      };
    },
  };
}

export type BroadcastReplies = ReturnType<typeof createBroadcastReplies>;
