import type { FlowSource, FlowVersionRef } from './flow-source';

/**
 * A FlowSource that remembers published versions: they are immutable, and every turn of a
 * running conversation asks for its version. The channel's current flow and a flow's latest
 * version can change, so those questions always go through.
 */
export function cachedFlows(source: FlowSource, limit = 500): FlowSource {
  const versions = new Map<string, FlowVersionRef>();
  return {
    flowFor: (workspaceId, channel) => source.flowFor(workspaceId, channel),
    async version(workspaceId, flowId, version) {
      if (version === undefined || version === 0) return source.version(workspaceId, flowId, version);
      const key = `${workspaceId}\u0000${flowId}\u0000${version}`;
      const cached = versions.get(key);
      if (cached) return cached;
      const found = await source.version(workspaceId, flowId, version);
      if (found) {
        if (versions.size >= limit) versions.delete(versions.keys().next().value as string);
        versions.set(key, found);
      }
      return found;
    },
  };
}
