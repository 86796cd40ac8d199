import { ApiError } from './api-error';
import type { User } from './users-api';

/** A signed-in session: the bearer token to send, when it ends, and who it belongs to. */
export interface LoginResult {
  token: string;
  expiresAt: string | number;
  user: User;
}

/**
 * Signs in with e-mail and password (`POST /api/auth/login`, the one route without a token).
 * A wrong e-mail or password is an `ApiError` with status 401.
 */
export async function login(email: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached');
  }
  const body = (await response.json().catch(() => ({}))) as Partial<LoginResult> & { error?: { message?: string } };
  if (!response.ok || !body.token || !body.user) {
    throw new ApiError(response.status, body.error?.message ?? `${response.status} ${response.statusText}`.trim());
  }
  return { token: body.token, expiresAt: body.expiresAt ?? 0, user: body.user };
}

/** Ends a user's session on the server; the ADMIN_TOKEN has none, so nothing happens for it. */
export async function logout(token: string): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}
