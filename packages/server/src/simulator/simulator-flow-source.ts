import type { FlowSource, FlowVersionRef } from '../conversation/flow-source';
import type { SimulatorSession, SimulatorSessions } from './simulator-sessions';

/** Simulator conversations run `simulator:<sessionId>` at version 0: the session's draft. */
export const SIMULATOR_FLOW_PREFIX = 'simulator:';

/**
 * The FlowSource of every conversation: web (simulator) conversations run their session's draft
 * as version 0; everything else, and a `flow.jump` out of a draft, goes to `published`.
 */
export function createSimulatorFlowSource(sessions: SimulatorSessions, published: FlowSource): FlowSource {
  const draft = (session: SimulatorSession | undefined): FlowVersionRef | undefined =>
    session && { flowId: `${SIMULATOR_FLOW_PREFIX}${session.id}`, version: 0, document: session.document };
  return {
    async flowFor(workspaceId, channel) {
      if (channel.kind === 'web') return draft(sessions.get(workspaceId, channel.sessionId));
      return published.flowFor(workspaceId, channel);
    },
    async version(workspaceId, flowId, version) {
      if (!flowId.startsWith(SIMULATOR_FLOW_PREFIX)) return published.version(workspaceId, flowId, version);
      if (version !== undefined && version !== 0) return undefined;
      return draft(sessions.get(workspaceId, flowId.slice(SIMULATOR_FLOW_PREFIX.length)));
    },
  };
}
