import type { ApiClient } from './api-client';

/** A workspace secret as `GET /api/secrets` lists it: its name and when it was set, never its value. */
export interface Secret {
  name: string;
  updatedAt: string;
}

const secret = (name: string) => `/api/secrets/${encodeURIComponent(name)}`;

/** The secret endpoints of the REST API (admins only), typed; values are only ever sent. */
export function secretsApi(client: ApiClient) {
  return {
    list: () => client.get<Secret[]>('/api/secrets'),
    put: (name: string, value: string) => client.put<Secret>(secret(name), { value }),
    remove: (name: string) => client.delete(secret(name)),
  };
}
