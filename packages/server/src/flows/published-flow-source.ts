import type { FlowSource, FlowVersionRef } from '../conversation/flow-source';
import type { ChannelRepository } from './channel-repository';
import type { FlowVersionRecord, VersionRepository } from './version-repository';
import type { WorkspaceSettings } from './workspace-settings';

export interface PublishedFlowSourceDeps {
  versions: VersionRepository;
  channels: Pick<ChannelRepository, 'get'>;
  settings: WorkspaceSettings;
}

/**
 * The FlowSource of real conversations: a WhatsApp number runs its channel's flow, else the
 * workspace's default flow, always at its newest published version. Drafts never run here.
 */
export function createPublishedFlowSource(deps: PublishedFlowSourceDeps): FlowSource {
  const newest = async (workspaceId: string, flowId: string) => ref(await deps.versions.latest(workspaceId, flowId));
  return {
    async flowFor(workspaceId, channel) {
      if (channel.kind === 'whatsapp') {
        const configured = (await deps.channels.get(workspaceId, channel.phoneNumberId))?.flowId;
        // A channel's flow that was never published falls back to the default rather than leaving customers unanswered.
        const own = configured ? await newest(workspaceId, configured) : undefined;
        if (own) return own;
      }
      const { defaultFlowId } = await deps.settings.get(workspaceId);
      return defaultFlowId ? newest(workspaceId, defaultFlowId) : undefined;
    },
    async version(workspaceId, flowId, version) {
      return version === undefined ? newest(workspaceId, flowId) : ref(await deps.versions.get(workspaceId, flowId, version));
    },
  };
}

function ref(record: FlowVersionRecord | undefined): FlowVersionRef | undefined {
  return record && { flowId: record.flowId, version: record.version, document: record.document };
}
