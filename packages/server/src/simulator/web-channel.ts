import type { Channel } from '../conversation/channel';
import type { SimulatorSessions } from './simulator-sessions';

/**
 * The simulator's channel: a bot message goes to the session's SSE streams as
 * `message { direction: 'out', message }`. Messages of a visitor replaced by a restart are dropped.
 */
export function createWebChannel(
  sessions: SimulatorSessions,
  onSent: (workspaceId: string, sessionId: string) => void = () => {},
): Channel {
  return {
    kind: 'web',
    async send(target, message, idempotencyKey) {
      if (target.channel.kind !== 'web')
        return { status: 'failed', reason: `the web channel cannot send to a ${target.channel.kind} conversation` };
      const { sessionId } = target.channel;
      const session = sessions.get(target.workspaceId, sessionId);
      if (!session) return { status: 'skipped', reason: 'the simulator session is closed' };
      if (session.address !== target.address) return { status: 'skipped', reason: 'the simulator was restarted' };
      sessions.publish(sessionId, 'message', { direction: 'out', message });
      onSent(target.workspaceId, sessionId);
      return { status: 'sent', providerMessageId: `web:${idempotencyKey}` };
    },
  };
}
