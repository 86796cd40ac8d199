import { useMemo, useSyncExternalStore } from 'react';
import { sessionUser } from '../api/session-user';
import type { User } from '../api/users-api';

/**
 * Who holds `token`: the user who signed in with e-mail and password, or, for the ADMIN_TOKEN,
 * an admin without a user record. The role decides which screens show.
 */
export function useSessionUser(token: string | undefined): User | undefined {
  const raw = useSyncExternalStore(sessionUser.subscribe, sessionUser.raw);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `raw` changes whenever the stored user does
  return useMemo(() => sessionUser.of(token), [token, raw]);
}

/** The role a token acts with: the ADMIN_TOKEN is an admin. */
export function roleOf(user: User | undefined): User['role'] {
  return user?.role ?? 'admin';
}

/** Owners and admins see every screen; managers and agents only the inbox. */
export function runsWorkspace(user: User | undefined): boolean {
  const role = roleOf(user);
  return role === 'owner' || role === 'admin';
}
