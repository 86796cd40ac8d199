import { useEffect } from 'react';
import { sessionUser } from '../api/session-user';
import type { UserRole } from '../api/users-api';
import { useApi } from './use-api';

interface Me {
  id: string;
  role: UserRole;
  departments: string[];
  name?: string;
}

/**
 * Asks the server once who the signed-in user is (`GET /api/auth/me`) and keeps the stored role
 * current: an admin may have changed it since the sign-in, and the role decides the screens.
 */
export function useRefreshSessionUser(): void {
  const { client } = useApi();
  useEffect(() => {
    const stored = sessionUser.of(client.token);
    if (!stored) return;
    let current = true;
    client
      .get<Me>('/api/auth/me')
      .then((me) => {
        const changed = me.role !== stored.role || me.name !== stored.name || me.departments.join() !== stored.departments.join();
        if (current && changed)
          sessionUser.set(client.token, { ...stored, role: me.role, departments: me.departments, ...(me.name ? { name: me.name } : {}) });
      })
      // Signed out or offline: the app's own error handling says so; the stored role stays.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client]);
}
