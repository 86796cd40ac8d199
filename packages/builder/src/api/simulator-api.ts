import type { FlowDocument, UserMessage } from '@chatflow/engine';
import type { ApiClient } from './api-client';
import { ticketUrl } from './ticketed-event-source';

const session = (id: string) => `/api/simulator/sessions/${encodeURIComponent(id)}`;

/** The simulator (web channel) endpoints of the REST API. */
export function simulatorApi(client: ApiClient) {
  return {
    start: (document: FlowDocument) => client.post<{ sessionId: string; contactName: string }>('/api/simulator/sessions', { document }),
    /** The SSE stream's URL with a fresh single-use ticket (EventSource cannot send the token as a header). */
    eventsUrl: (sessionId: string) => ticketUrl(client, `${session(sessionId)}/events`),
    send: (sessionId: string, message: UserMessage) => client.post<void>(`${session(sessionId)}/messages`, { message }),
    /** Sends a file as the visitor; the server stores it and the flow gets it as a media message. */
    sendFile: (sessionId: string, file: File) =>
      client.post<void>(`${session(sessionId)}/media?filename=${encodeURIComponent(file.name)}`, file),
    fireTimer: (sessionId: string) => client.post<void>(`${session(sessionId)}/timers/fire`),
    restart: (sessionId: string, document: FlowDocument) => client.post<void>(`${session(sessionId)}/restart`, { document }),
  };
}

export type SimulatorApi = ReturnType<typeof simulatorApi>;
