import type { ApiClient } from './api-client';
import { ticketUrl } from './ticketed-event-source';

export type BroadcastStatus = 'scheduled' | 'sending' | 'done' | 'cancelled';
export type RecipientStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped';

export interface BroadcastCounts {
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
  replied: number;
}

/** A broadcast as `GET /api/broadcasts/:id` answers it (the list leaves `counts` out). */
export interface Broadcast {
  id: string;
  name: string;
  template: { name: string; language: string; params: string[] | Record<string, string> };
  audience: { tags?: string[]; segment?: string };
  flowId?: string;
  status: BroadcastStatus;
  ratePerSecond: number;
  startAt: string;
  createdAt: string;
  finishedAt?: string;
  counts?: BroadcastCounts;
}

export interface BroadcastInput {
  name: string;
  template: { name: string; language: string; params: string[] | Record<string, string> };
  audience: { tags: string[] };
  flowId?: string;
  startAt?: string;
  ratePerSecond: number;
}

export interface Recipient {
  contactId: string;
  name?: string;
  status: RecipientStatus;
  error?: { code?: number; reason: string };
  sentAt?: string;
  repliedAt?: string;
}

/** The broadcast endpoints of the REST API (admins only), typed. */
export function broadcastsApi(client: ApiClient) {
  const one = (id: string) => `/api/broadcasts/${encodeURIComponent(id)}`;
  return {
    list: () => client.get<Broadcast[]>('/api/broadcasts'),
    get: (id: string) => client.get<Broadcast>(one(id)),
    create: (input: BroadcastInput) => client.post<{ id: string }>('/api/broadcasts', input),
    audienceSize: (tags: string[]) => client.post<{ contacts: number; reachable: number }>('/api/broadcasts/audience', { tags }),
    recipients: (id: string) => client.get<Recipient[]>(`${one(id)}/recipients?limit=500`),
    cancel: (id: string) => client.post<Broadcast>(`${one(id)}/cancel`),
    eventsUrl: (id: string) => ticketUrl(client, `${one(id)}/events`),
  };
}
