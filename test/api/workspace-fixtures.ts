import { expect } from 'vitest';
import { flowOf } from '../business/business-fixtures';
import { type ApiClient, apiClient } from './api-client';

/** A business on the server, as the platform admin set it up: its workspace, owner key, number and flow. */
export interface Tenant {
  id: string;
  key: string;
  api: ApiClient;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  flowId: string;
  /** What its flow says first: the text to look for at the fake Graph API. */
  greeting: string;
}

/**
 * Makes a workspace with the platform admin's token, an owner API key for it, and, with that key,
 * a published default flow and a WhatsApp number with its own token and app secret.
 */
export async function makeTenant(url: string, admin: ApiClient, name: string, phoneNumberId: string): Promise<Tenant> {
  const created = await admin.post<{ id: string }>('/api/workspaces', { name });
  expect(created.status).toBe(201);
  const { id } = created.body;
  const issued = await admin.post<{ id: string; key: string }>(`/api/workspaces/${id}/api-keys`, { name: `${name} CI`, role: 'owner' });
  expect(issued.status).toBe(201);
  const api = apiClient(url, issued.body.key);
  const flowId = `${name.toLowerCase()}-welcome`;
  const greeting = `Welcome to ${name}!`;
  const flow = flowOf(
    flowId,
    'hello',
    [
      { id: 'hello', type: 'message', data: { text: greeting } },
      { id: 'bye', type: 'end', data: { text: `${name} says bye` } },
    ],
    ['hello -> bye'],
  );
  expect((await api.post('/api/flows', { document: flow })).status).toBe(201);
  expect((await api.post(`/api/flows/${flowId}/publish`)).status).toBe(201);
  expect((await api.post(`/api/flows/${flowId}/default`)).status).toBe(204);
  const tenant = {
    id,
    key: issued.body.key,
    api,
    phoneNumberId,
    accessToken: `EAAG-${name}-token-${id}`,
    appSecret: `${name}-app-secret-${id}`,
    flowId,
    greeting,
  };
  const channel = await api.post('/api/channels', { phoneNumberId, accessToken: tenant.accessToken, appSecret: tenant.appSecret });
  expect(channel.status).toBe(201);
  return tenant;
}
