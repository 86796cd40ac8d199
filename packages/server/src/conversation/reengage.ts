import { randomUUID } from 'node:crypto';
import type { Records } from '../records/records';
import { sendAndSettle } from './carry-out';
import type { Channel } from './channel';
import type { FlowSource } from './flow-source';
import type { ChannelRef } from './inbound-event';
import type { Logger } from './logger';
import { contactOf, windowTemplateMessage } from './window-template';

export interface ReengageDeps {
  records: Records;
  flows: FlowSource;
  channels: (ref: ChannelRef) => Channel;
  clock: () => number;
  logger: Logger;
}

/**
 * Answers Graph's asynchronous 131047 (a message Meta accepted, then failed because the
 * customer's 24-hour window had closed) as the synchronous one is answered: with the flow's
 * `outsideWindowTemplate`, once. The template's record (key `<failed message's key>:window`) is
 * the claim: of two copies of the status webhook only the one that created it sends.
 *
 * @example
 * const reengage = createReengage({ records, flows, channels, clock, logger });
 * await reengage(workspaceId, 'wamid.HBgL…');
 */
export function createReengage(deps: ReengageDeps): (workspaceId: string, providerMessageId: string) => Promise<void> {
  const { records } = deps;
  return async (workspaceId, providerMessageId) => {
    const failed = await records.messages.findByProviderId(workspaceId, providerMessageId);
    if (!failed?.conversationId || failed.message.kind === 'template') return;
    const conversation = await records.conversations.get(workspaceId, failed.conversationId);
    if (!conversation) return;
    const flow = await deps.flows.version(workspaceId, conversation.flowId, conversation.flowVersion);
    const template = flow?.document.settings?.outsideWindowTemplate;
    const contact = await records.contacts.get(workspaceId, conversation.contactId);
    if (!template || !contact) return;
    const at = deps.clock();
    const mine = {
      id: randomUUID(),
      workspaceId,
      key: `out:${failed.idempotencyKey}:window`,
      conversationKey: conversation.conversationKey,
      conversationId: conversation.id,
      contactId: contact.id,
      direction: 'out' as const,
      status: 'pending' as const,
      message: windowTemplateMessage(template, conversation.vars, contactOf(contact)),
      idempotencyKey: `${failed.idempotencyKey}:window`,
      createdAt: at,
      updatedAt: at,
    };
    const stored = await records.messages.ensureOutbound(mine);
    if (stored.id !== mine.id) return;
    const target = { workspaceId, channel: conversation.channel, address: contact.address };
    const result = await sendAndSettle(deps, deps.channels(conversation.channel), target, stored);
    deps.logger.info('outside-window template sent after a late 131047', { conversationId: conversation.id, status: result.status });
  };
}
