import type { Channel } from '../conversation/channel';
import type { Metrics } from './metrics';

/** Wraps a channel so every send is counted in `messages_out` and, when it fails, `send_failures`. */
export function instrumentChannel(channel: Channel, metrics: Metrics): Channel {
  const labels = { channel: channel.kind };
  return {
    kind: channel.kind,
    async send(target, message, idempotencyKey) {
      try {
        const result = await channel.send(target, message, idempotencyKey);
        metrics.messagesOut.inc({ ...labels, result: result.status });
        if (result.status === 'failed') metrics.sendFailures.inc({ ...labels, code: String(result.code ?? 'none') });
        return result;
      } catch (error) {
        metrics.messagesOut.inc({ ...labels, result: 'failed' });
        metrics.sendFailures.inc({ ...labels, code: 'exception' });
        throw error;
      }
    },
    ...(channel.typing ? { typing: channel.typing.bind(channel) } : {}),
  };
}
