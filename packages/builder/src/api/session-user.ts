import type { User } from './users-api';

const KEY = 'chatflow.sessionUser';

/** Who signed in with e-mail and password, kept beside the token it goes with. */
interface Stored {
  token: string;
  user: User;
}

const listeners = new Set<() => void>();

/**
 * The signed-in user of a session token, in localStorage. It belongs to one token: when the app
 * holds another one (the ADMIN_TOKEN, or a later sign-in), it no longer applies.
 */
export const sessionUser = {
  /** The user of `token`, or undefined for the ADMIN_TOKEN (an admin without a user record). */
  of(token: string | undefined): User | undefined {
    if (!token) return undefined;
    try {
      const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
      return stored?.token === token ? stored.user : undefined;
    } catch {
      return undefined;
    }
  },
  /** The stored text, as a cheap snapshot for `useSyncExternalStore`. */
  raw(): string | null {
    return localStorage.getItem(KEY);
  },
  set(token: string, user: User): void {
    localStorage.setItem(KEY, JSON.stringify({ token, user } satisfies Stored));
    for (const listener of listeners) listener();
  },
  clear(): void {
    localStorage.removeItem(KEY);
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
