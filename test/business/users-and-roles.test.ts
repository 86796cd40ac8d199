import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client';
import { type BusinessWorld, startBusinessWorld } from './business-fixtures';

interface Login {
  token: string;
  expiresAt: string;
  user: { id: string; role: string; email: string };
}

describe('users, sign-in and roles', () => {
  let world: BusinessWorld;
  beforeAll(async () => {
    world = await startBusinessWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('lets an admin create an agent who signs in and reaches only the inbox', async () => {
    const created = await world.admin.post<{ id: string; passwordHash?: string }>('/api/users', {
      email: 'Rita@Shop.example',
      name: 'Rita',
      password: 'rita-long-password',
      role: 'agent',
      departments: ['sales'],
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');

    const anonymous = apiClient(world.server.url);
    expect((await anonymous.post('/api/auth/login', { email: 'rita@shop.example', password: 'wrong-password' })).status).toBe(401);
    const login = await anonymous.post<Login>('/api/auth/login', { email: 'rita@shop.example', password: 'rita-long-password' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'agent', email: 'rita@shop.example' });
    expect(Date.parse(login.body.expiresAt)).toBeGreaterThan(Date.now());

    const rita = apiClient(world.server.url, login.body.token);
    expect((await rita.get('/api/auth/me')).body).toMatchObject({ id: created.body.id, role: 'agent', departments: ['sales'] });
    expect((await rita.get('/api/inbox/conversations')).status).toBe(200);
    for (const path of ['/api/flows', '/api/users', '/api/catalog/products', '/api/orders', '/api/conversations']) {
      const denied = await rita.get<{ error: { message: string } }>(path);
      expect(denied.status, path).toBe(403);
      expect(denied.body.error.message).toBe('agents may only use the inbox; ask an admin for this');
    }

    expect((await rita.post('/api/auth/logout')).status).toBe(204);
    expect((await rita.get('/api/inbox/conversations')).status).toBe(401);
  });

  it('gives a signed-in admin the whole API, and keeps the ADMIN_TOKEN an admin', async () => {
    await world.admin.post('/api/users', { email: 'boss@shop.example', name: 'Boss', password: 'boss-long-password', role: 'admin' });
    const login = await apiClient(world.server.url).post<Login>('/api/auth/login', {
      email: 'boss@shop.example',
      password: 'boss-long-password',
    });
    const boss = apiClient(world.server.url, login.body.token);
    expect((await boss.get('/api/flows')).status).toBe(200);
    expect((await boss.get<unknown[]>('/api/users')).body).toHaveLength(2);
    expect((await world.admin.get('/api/auth/me')).body).toMatchObject({ id: 'admin', role: 'admin' });
  });

  it('ends the sessions of a disabled user and rejects bad tokens', async () => {
    const created = await world.admin.post<{ id: string }>('/api/users', {
      email: 'tmp@shop.example',
      name: 'Tmp',
      password: 'tmp-long-password',
      role: 'agent',
    });
    const login = await apiClient(world.server.url).post<Login>('/api/auth/login', {
      email: 'tmp@shop.example',
      password: 'tmp-long-password',
    });
    const tmp = apiClient(world.server.url, login.body.token);
    expect((await tmp.get('/api/inbox/departments')).status).toBe(200);
    expect((await world.admin.put(`/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await tmp.get('/api/inbox/departments')).status).toBe(401);
    expect((await apiClient(world.server.url, 'not-a-token').get('/api/inbox/departments')).status).toBe(401);
    const weak = await world.admin.post<{ error: { path: string } }>('/api/users', {
      email: 'x@shop.example',
      name: 'X',
      password: 'short',
      role: 'agent',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.path).toBe('password');
  });
});
