import type { FlowDocument } from '@chatflow/engine';
import type { ConversationRepository } from '../records/conversation-repository';
import { type AnalyticsBucket, addBucket } from './analytics-bucket';
import { emptyDelta } from './analytics-counter';

export interface FunnelNode {
  nodeId: string;
  entered: number;
  exits: Record<string, number>;
  /** Conversations waiting at the node now (their session still open). */
  waiting: number;
  /** Conversations that stopped at the node: their session expired there. */
  droppedOff: number;
}

/** Per node of a flow version: how many conversations entered it, left by each exit, wait there and stopped there. */
export async function funnel(
  workspaceId: string,
  document: FlowDocument,
  version: number | undefined,
  buckets: AnalyticsBucket[],
  conversations: Pick<ConversationRepository, 'count'>,
  window: { from: number; to: number; now: number; sessionMs: number },
): Promise<FunnelNode[]> {
  const total = emptyDelta();
  for (const bucket of buckets)
    if (bucket.flowId === document.id && (version === undefined || bucket.flowVersion === version)) addBucket(total, bucket);
  const scope = { flowId: document.id, ...(version !== undefined ? { flowVersion: version } : {}) };
  const quietSince = window.now - window.sessionMs;
  return Promise.all(
    document.nodes.map(async (node) => {
      const [waiting, quiet, expired] = await Promise.all([
        conversations.count(workspaceId, { statuses: ['active', 'handoff'], ...scope, nodeId: node.id, updatedFrom: quietSince }),
        conversations.count(workspaceId, {
          statuses: ['active'],
          ...scope,
          nodeId: node.id,
          updatedFrom: window.from,
          updatedTo: Math.min(quietSince, window.to),
        }),
        conversations.count(workspaceId, {
          statuses: ['expired'],
          ...scope,
          nodeId: node.id,
          updatedFrom: window.from,
          updatedTo: window.to,
        }),
      ]);
      const counted = total.nodes[node.id];
      return { nodeId: node.id, entered: counted?.entered ?? 0, exits: counted?.exits ?? {}, waiting, droppedOff: quiet + expired };
    }),
  );
}
