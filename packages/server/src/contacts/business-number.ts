import type { ChannelRepository } from '../flows/channel-repository';
import type { DocumentStore } from '../ports/document-store';
import type { ContactRecord } from '../records/contact-repository';

export interface BusinessNumbers {
  /**
   * The business number to reach `address` from: the one asked for (a configured number, or one
   * they wrote to), else the one they last wrote to, else a number running `flowId`, else the
   * workspace's only configured number, else the number its customers write to (a number set up
   * by environment has no channel record). `unknown` when the one asked for is none of these.
   */
  pick(
    workspaceId: string,
    known: ContactRecord[],
    options: { requested?: string; flowId?: string },
  ): Promise<{ phoneNumberId: string } | 'unknown' | undefined>;
}

export function createBusinessNumbers(documents: DocumentStore, channels: Pick<ChannelRepository, 'list' | 'usingFlow'>): BusinessNumbers {
  const contacts = documents.collection<ContactRecord>('contacts');
  const numberOf = (contact: ContactRecord | undefined) =>
    contact?.channel.kind === 'whatsapp' ? contact.channel.phoneNumberId : undefined;
  return {
    async pick(workspaceId, known, { requested, flowId }) {
      const written = known
        .filter((c) => c.channel.kind === 'whatsapp')
        .sort((a, b) => (b.lastInboundAt ?? 0) - (a.lastInboundAt ?? 0))
        .map(numberOf);
      const configured = (await channels.list(workspaceId)).map((c) => c.phoneNumberId);
      if (requested !== undefined) return [...written, ...configured].includes(requested) ? { phoneNumberId: requested } : 'unknown';
      const running = flowId ? (await channels.usingFlow(workspaceId, flowId))[0]?.phoneNumberId : undefined;
      const only = configured.length === 1 ? configured[0] : undefined;
      const latest = await contacts.find({ workspaceId, 'channel.kind': 'whatsapp' }, { sort: { updatedAt: -1 }, limit: 1 });
      const found = written[0] ?? running ?? only ?? (configured.length === 0 ? numberOf(latest[0]) : undefined);
      return found ? { phoneNumberId: found } : undefined;
    },
  };
}
