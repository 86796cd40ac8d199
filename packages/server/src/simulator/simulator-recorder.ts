import type { Ports, TurnPorts } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import { SIMULATOR_FLOW_PREFIX } from './simulator-flow-source';
import type { SimulatorSessions } from './simulator-sessions';

export interface RecorderDeps {
  sessions: SimulatorSessions;
  /** Masks secrets (and secret-named keys) before an answer reaches the browser. */
  redact: (value: unknown) => unknown;
}

/**
 * A turn's ports, the AI and HTTP ones telling a test-chat session each answer they gave its draft
 * as an SSE `recorded` event: the builder keeps them, so a test saved from this chat replays the
 * same answers instead of calling the model or the service. Other conversations' ports are as they were.
 */
export function recordForSimulator(ports: TurnPorts, deps: RecorderDeps): TurnPorts {
  return (turn: unknown): Ports => {
    const own = ports(turn);
    const flowId = (turn as TurnScope).flowId;
    if (!flowId?.startsWith(SIMULATOR_FLOW_PREFIX) || !own.ai || !own.http) return own;
    const sessionId = flowId.slice(SIMULATOR_FLOW_PREFIX.length);
    const { ai, http } = own;
    const publish = (port: 'ai' | 'http', answer: unknown) =>
      deps.sessions.publish(sessionId, 'recorded', { port, answer: deps.redact(answer) });
    return {
      ...own,
      ai: {
        async respond(request) {
          const result = await ai.respond(request);
          publish('ai', { text: result.text, toolCalls: result.toolCalls });
          return result;
        },
      },
      http: {
        async request(request) {
          const response = await http.request(request);
          // A binary answer (a media file) cannot be replayed from a recording; the test then says so.
          if (!response.media) publish('http', { status: response.status, headers: response.headers, body: response.body });
          return response;
        },
      },
    };
  };
}
