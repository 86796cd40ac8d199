import type { Logger } from '../observability/logger';
import { SIMULATOR_FLOW_PREFIX } from './simulator-flow-source';
import type { SimulatorSessions } from './simulator-sessions';

/**
 * The pipeline's logger, which also shows a simulator session the failures of its own draft
 * (a node that threw, a broken flow) as SSE `error` events, so the admin sees why the bot said nothing.
 */
export function simulatorErrorLog(log: Logger, sessions: SimulatorSessions): Logger {
  const report = (message: string, details: Record<string, unknown> = {}) => {
    const flowId = details.flowId;
    if (typeof flowId !== 'string' || !flowId.startsWith(SIMULATOR_FLOW_PREFIX)) return;
    const cause = typeof details.error === 'string' ? `: ${details.error}` : '';
    sessions.publish(flowId.slice(SIMULATOR_FLOW_PREFIX.length), 'error', { message: `${message}${cause}` });
  };
  return {
    ...log,
    warn(message, details) {
      log.warn(message, details);
      report(message, details);
    },
    error(message, details) {
      log.error(message, details);
      report(message, details);
    },
  };
}
