import type { ApiClient } from './api-client';

/** A message template as `GET /api/templates` lists it, with Meta's components. */
export interface Template {
  wabaId: string;
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: { type: string; text?: string; format?: string; buttons?: { type: string; text: string; url?: string }[] }[];
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  components: Template['components'];
}

/** The template endpoints of the REST API (admins only), typed. */
export function templatesApi(client: ApiClient) {
  return {
    list: () => client.get<Template[]>('/api/templates'),
    sync: () => client.post<{ synced: number }>('/api/templates/sync', {}),
    submit: (input: TemplateInput) => client.post<Template>('/api/templates', input),
  };
}
