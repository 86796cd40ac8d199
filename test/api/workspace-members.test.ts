import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';
import { type ApiClient, apiClient } from './api-client';
import { openStream } from './sse-client';

interface Place {
  id: string;
  name: string;
  role: string;
  current: boolean;
}

describe('sign-up, membership of several workspaces, the switch and roles', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startServer({ env: { SIGNUP: 'open' }, app: { exampleCatalog: false } });
    admin = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
  });

  async function signUp(workspaceName: string, email: string) {
    const answer = await apiClient(server.url).post<{ workspaceId: string; token: string }>('/api/auth/signup', {
      workspaceName,
      email,
      name: workspaceName,
      password: 'a long enough password',
    });
    expect(answer.status).toBe(201);
    return { ...answer.body, api: apiClient(server.url, answer.body.token) };
  }

  it('signs up a new business: a workspace with its owner, signed in', async () => {
    const cafe = await signUp('Cafe Lisboa', 'owner@cafe.example');
    expect((await cafe.api.get('/api/auth/me')).body).toMatchObject({ role: 'owner', workspaceId: cafe.workspaceId });
    expect((await cafe.api.get('/api/flows')).body).toEqual([]);
    // The e-mail is the account: a second sign-up with it makes no workspace.
    const again = await apiClient(server.url).post('/api/auth/signup', {
      workspaceName: 'Copy',
      email: 'owner@cafe.example',
      name: 'x',
      password: 'a long enough password',
    });
    expect(again.status).toBe(409);
    expect((await admin.get<{ name: string }[]>('/api/workspaces')).body.map((w) => w.name)).toEqual(['Default', 'Cafe Lisboa']);
  });

  it('lets a user of two workspaces switch between them, with a role in each', async () => {
    const bakery = await signUp('Bakery Porto', 'owner@bakery.example');
    const chain = await admin.post<{ id: string }>('/api/workspaces', { name: 'Chain HQ' });
    const added = await admin.post(`/api/workspaces/${chain.body.id}/members`, {
      email: 'owner@bakery.example',
      role: 'manager',
      departments: ['sales'],
    });
    expect(added.status).toBe(200);

    const places = await bakery.api.get<Place[]>('/api/auth/workspaces');
    expect(places.body).toEqual([
      { id: bakery.workspaceId, name: 'Bakery Porto', role: 'owner', current: true },
      { id: chain.body.id, name: 'Chain HQ', role: 'manager', current: false },
    ]);
    expect((await bakery.api.post('/api/auth/workspace', { workspaceId: chain.body.id })).status).toBe(204);
    expect((await bakery.api.get('/api/auth/me')).body).toMatchObject({
      workspaceId: chain.body.id,
      role: 'manager',
      departments: ['sales'],
    });
    // A manager sees the inbox, not the flows; live streams follow the switch too.
    expect((await bakery.api.get('/api/flows')).status).toBe(403);
    expect((await bakery.api.get('/api/inbox/conversations')).status).toBe(200);
    const stream = await openStream(server.url, '/api/inbox/events', bakery.token);
    expect(stream.status).toBe(200);
    // Not a member: refused, and the session stays where it is.
    const cafe = (await admin.get<{ id: string; name: string }[]>('/api/workspaces')).body.find((w) => w.name === 'Cafe Lisboa');
    expect((await bakery.api.post('/api/auth/workspace', { workspaceId: cafe?.id })).status).toBe(404);
    expect((await bakery.api.get('/api/auth/me')).body).toMatchObject({ workspaceId: chain.body.id });

    // Removed from the workspace, the session is back home.
    const userId = ((await bakery.api.get<{ id: string }>('/api/auth/me')).body as { id: string }).id;
    expect((await admin.delete(`/api/workspaces/${chain.body.id}/members/${userId}`)).status).toBe(204);
    expect((await bakery.api.get('/api/auth/me')).body).toMatchObject({ workspaceId: bakery.workspaceId, role: 'owner' });
    // The stream opened in Chain HQ does not follow the session home: it ends.
    await stream.ended;
    expect((await bakery.api.get('/api/flows')).status).toBe(200);
  }, 90_000);

  it('keeps the owner role for owners to give, and managers to the inbox', async () => {
    const shop = await signUp('Shop Faro', 'owner@shop.example');
    const made = await shop.api.post('/api/users', {
      email: 'admin@shop.example',
      name: 'Admin',
      password: 'admin long password',
      role: 'admin',
    });
    expect(made.status).toBe(201);
    const login = await apiClient(server.url).post<{ token: string }>('/api/auth/login', {
      email: 'admin@shop.example',
      password: 'admin long password',
    });
    const shopAdmin = apiClient(server.url, login.body.token);
    expect((await shopAdmin.get('/api/flows')).status).toBe(200);
    const owner = { email: 'boss@shop.example', name: 'Boss', password: 'boss long password', role: 'owner' };
    expect((await shopAdmin.post('/api/users', owner)).status).toBe(403);
    expect((await shopAdmin.post(`/api/workspaces/${shop.workspaceId}/api-keys`, { name: 'k', role: 'owner' })).status).toBe(403);
    expect((await shopAdmin.post(`/api/workspaces/${shop.workspaceId}/api-keys`, { name: 'k', role: 'agent' })).status).toBe(201);
    expect((await shop.api.post('/api/users', owner)).status).toBe(201);

    const manager = await shop.api.post('/api/users', {
      email: 'lead@shop.example',
      name: 'Lead',
      password: 'lead long password',
      role: 'manager',
      departments: ['support'],
    });
    expect(manager.status).toBe(201);
    const signedIn = await apiClient(server.url).post<{ token: string }>('/api/auth/login', {
      email: 'lead@shop.example',
      password: 'lead long password',
    });
    const lead = apiClient(server.url, signedIn.body.token);
    expect((await lead.get('/api/inbox/conversations')).status).toBe(200);
    expect((await lead.get('/api/users')).status).toBe(403);
    expect((await lead.get(`/api/workspaces/${shop.workspaceId}/api-keys`)).status).toBe(403);
  }, 90_000);
});
