import type { ApiClient } from './api-client';
import { ticketUrl } from './ticketed-event-source';

/** A time as the API gives it: ISO text or epoch milliseconds. */
export type ApiTime = string | number;

/** A handed-off conversation in a department's queue. */
export interface QueueItem {
  id: string;
  contactId: string;
  contactName?: string;
  department?: string;
  /** The handoff node's note for the agent, with what the bot collected. */
  note?: string;
  state: 'waiting' | 'assigned';
  assignedTo?: { id: string; name?: string; at: ApiTime };
  lastActivityAt: ApiTime;
  /** When WhatsApp's 24-hour window for free-form replies closes. */
  windowClosesAt?: ApiTime;
}

/** One message of a transcript: the customer's (`in`), or the bot's or an agent's (`out`). */
export interface TranscriptEntry {
  direction: 'in' | 'out';
  text: string;
  at: ApiTime;
  by?: 'bot' | 'agent';
  /** Who wrote an agent's reply, when known. */
  agentName?: string;
  status?: string;
}

export interface InboxConversation extends QueueItem {
  status: 'active' | 'handoff' | 'ended' | 'expired';
  nodeId: string;
  flowId: string;
  vars: Record<string, unknown>;
  transcript: TranscriptEntry[];
}

export interface DepartmentCount {
  department: string;
  waiting: number;
  assigned: number;
}

/** What the inbox's SSE stream says, by `event:` name. */
export type InboxEvent =
  | { type: 'waiting'; conversationId: string; department?: string; note?: string; at: ApiTime }
  | { type: 'message'; conversationId: string; direction: 'in' | 'out'; text: string; by?: string; at: ApiTime }
  | { type: 'assigned'; conversationId: string; agentId: string; agentName?: string; at: ApiTime }
  | { type: 'released'; conversationId: string; agentId: string; at: ApiTime }
  | { type: 'closed'; conversationId: string; agentId: string; at: ApiTime }
  /** The bot answered after the conversation left the agents (a hand-back, or no agent in time). */
  | { type: 'resumed'; conversationId: string; status: InboxConversation['status']; at: ApiTime };

export const INBOX_EVENT_TYPES = ['waiting', 'message', 'assigned', 'released', 'closed', 'resumed'] as const;

const conversation = (id: string) => `/api/inbox/conversations/${encodeURIComponent(id)}`;

/** The agent inbox endpoints of the REST API, typed. */
export function inboxApi(client: ApiClient) {
  return {
    queue: (department?: string) =>
      client.get<QueueItem[]>(`/api/inbox/conversations${department ? `?department=${encodeURIComponent(department)}` : ''}`),
    departments: () => client.get<DepartmentCount[]>('/api/inbox/departments'),
    get: (id: string) => client.get<InboxConversation>(conversation(id)),
    take: (id: string, force = false) => client.post<QueueItem>(`${conversation(id)}/take`, force ? { force } : {}),
    reply: (id: string, text: string, clientMessageId: string) =>
      client.post<TranscriptEntry>(`${conversation(id)}/messages`, { text, clientMessageId }),
    release: (id: string) => client.post<void>(`${conversation(id)}/release`, {}),
    close: (id: string) => client.post<void>(`${conversation(id)}/close`),
    /** The SSE stream's URL with a fresh single-use ticket (EventSource cannot send the token as a header). */
    eventsUrl: () => ticketUrl(client, '/api/inbox/events'),
  };
}

export type InboxApi = ReturnType<typeof inboxApi>;
