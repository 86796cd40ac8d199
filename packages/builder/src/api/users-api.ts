import type { ApiClient } from './api-client';

/** Owners and admins run the workspace; managers and agents work its inbox (managers also its analytics). */
export type UserRole = 'owner' | 'admin' | 'manager' | 'agent';

/** Someone who signs in with e-mail and password (`GET /api/users`); the password never comes back. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The inbox queues an agent works; empty means every department. */
  departments: string[];
  disabled?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  departments?: string[];
}

export interface UserChanges {
  name?: string;
  password?: string;
  role?: UserRole;
  departments?: string[];
  disabled?: boolean;
}

const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** The user endpoints of the REST API (admins only), typed. */
export function usersApi(client: ApiClient) {
  return {
    list: () => client.get<User[]>('/api/users'),
    create: (input: NewUser) => client.post<User>('/api/users', input),
    update: (id: string, changes: UserChanges) => client.put<User>(user(id), changes),
    remove: (id: string) => client.delete(user(id)),
  };
}

export type UsersApi = ReturnType<typeof usersApi>;
