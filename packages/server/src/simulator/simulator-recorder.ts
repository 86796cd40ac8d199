import type { AiPort, HttpPort } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import { SIMULATOR_FLOW_PREFIX } from './simulator-flow-source';
import type { SimulatorSessions } from './simulator-sessions';

export interface RecorderDeps {
  sessions: SimulatorSessions;
  scope: () => TurnScope | undefined;
  /** Masks secrets (and secret-named keys) before an answer reaches the browser. */
  redact: (value: unknown) => unknown;
}

/**
 * The AI and HTTP ports, telling a test-chat session each answer they gave its draft as an SSE
 * `recorded` event: the builder keeps them, so a test saved from this chat replays the same
 * answers instead of calling the model or the service. Other conversations pass straight through.
 */
export function recordForSimulator(ports: { ai: AiPort; http: HttpPort }, deps: RecorderDeps): { ai: AiPort; http: HttpPort } {
  const sessionId = () => {
    const flowId = deps.scope()?.flowId;
    return flowId?.startsWith(SIMULATOR_FLOW_PREFIX) ? flowId.slice(SIMULATOR_FLOW_PREFIX.length) : undefined;
  };
  return {
    ai: {
      async respond(request) {
        const result = await ports.ai.respond(request);
        const id = sessionId();
        if (id)
          deps.sessions.publish(id, 'recorded', { port: 'ai', answer: deps.redact({ text: result.text, toolCalls: result.toolCalls }) });
        return result;
      },
    },
    http: {
      async request(request) {
        const response = await ports.http.request(request);
        const id = sessionId();
        // A binary answer (a media file) cannot be replayed from a recording; the test then says so.
        if (id && !response.media) {
          const answer = { status: response.status, headers: response.headers, body: response.body };
          deps.sessions.publish(id, 'recorded', { port: 'http', answer: deps.redact(answer) });
        }
        return response;
      },
    },
  };
}
