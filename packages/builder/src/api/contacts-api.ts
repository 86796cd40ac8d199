import type { ApiClient } from './api-client';
import type { ImportRowError } from './catalog-api';

/** A contact as the API shows it (never their number). */
export interface ContactView {
  id: string;
  name?: string;
  tags: string[];
  attributes?: Record<string, string | number | boolean>;
  optedIn: boolean;
  optedOut: boolean;
  blocked: boolean;
  lastInboundAt?: string;
}

/** Who belongs to a segment: every rule given must hold. */
export interface SegmentRules {
  tags?: { all?: string[]; any?: string[]; none?: string[] };
  attributes?: Record<string, string | string[]>;
  lastContactBefore?: string;
  lastContactAfter?: string;
  withinDays?: number;
  optedIn?: boolean;
}

export interface Segment {
  id: string;
  name: string;
  rules: SegmentRules;
}

export interface ContactImportResult {
  created: number;
  updated: number;
  errors: ImportRowError[];
}

/** The contact import and segment endpoints of the REST API (admins only), typed. */
export function contactsApi(client: ApiClient) {
  return {
    importCsv: (csv: string) => client.post<ContactImportResult>('/api/contacts/import', { csv }),
    segments: () => client.get<Segment[]>('/api/segments'),
    createSegment: (input: Omit<Segment, 'id'>) => client.post<Segment>('/api/segments', input),
    updateSegment: (id: string, input: Omit<Segment, 'id'>) => client.put<Segment>(`/api/segments/${encodeURIComponent(id)}`, input),
    deleteSegment: (id: string) => client.delete(`/api/segments/${encodeURIComponent(id)}`),
    preview: (rules: SegmentRules) => client.post<{ count: number; contacts: ContactView[] }>('/api/segments/preview', { rules }),
  };
}
