import type { FlowTest } from '../flow-document';
import type { CatalogPort, Ports } from '../runtime/ports';

/** The ports a flow test runs with: AI and HTTP nodes get the test's recorded answers, in order. */
export interface RecordedPorts {
  ports: Ports;
  /** Why the flow asked for something the test did not record, once it did. */
  missing(): string | undefined;
}

/**
 * @example
 * const recorded = recordedPorts(test, catalog);
 * const session = new ChatSession(compiled, recorded.ports, contact);
 */
export function recordedPorts(test: FlowTest, catalog?: CatalogPort): RecordedPorts {
  const ai = [...(test.recorded?.ai ?? [])];
  const http = [...(test.recorded?.http ?? [])];
  let missing: string | undefined;
  const refuse = (reason: string): never => {
    missing ??= reason;
    throw new Error(reason);
  };
  return {
    ports: {
      ...(catalog ? { catalog } : {}),
      ai: {
        async respond(request) {
          const answer = ai.shift() ?? refuse(`node "${request.nodeId}" asked the AI, and the test has no recorded AI answer left`);
          return { text: answer.text, toolCalls: answer.toolCalls ?? [], usage: { inputTokens: 0, outputTokens: 0 } };
        },
      },
      http: {
        async request(request) {
          const answer =
            http.shift() ?? refuse(`an HTTP node called ${request.method} ${request.url}, and the test has no recorded HTTP answer left`);
          return { status: answer.status, headers: answer.headers ?? {}, body: answer.body ?? null };
        },
      },
      handlers: {
        run: async (request) => refuse(`node "${request.nodeId}" runs a server handler (${request.type}), which a flow test cannot call`),
      },
    },
    missing: () => missing,
  };
}
