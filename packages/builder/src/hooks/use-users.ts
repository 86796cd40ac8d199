import { useCallback, useEffect, useState } from 'react';
import type { NewUser, User, UserChanges } from '../api/users-api';
import { useBusinessApi } from './use-business-api';

/** The workspace's users, with create, change and delete that keep the list current. */
export function useUsers() {
  const { users } = useBusinessApi();
  const [list, setList] = useState<User[]>();
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    users
      .list()
      .then((found) => {
        setList(found);
        setError(undefined);
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [users]);
  useEffect(reload, [reload]);

  const create = useCallback(
    async (input: NewUser) => {
      const created = await users.create(input);
      setList((current) => [...(current ?? []), created].sort((a, b) => a.email.localeCompare(b.email)));
      return created;
    },
    [users],
  );
  const update = useCallback(
    async (id: string, changes: UserChanges) => {
      const updated = await users.update(id, changes);
      setList((current) => current?.map((user) => (user.id === id ? updated : user)));
      return updated;
    },
    [users],
  );
  const remove = useCallback(
    async (id: string) => {
      await users.remove(id);
      setList((current) => current?.filter((user) => user.id !== id));
    },
    [users],
  );
  return { list, error, create, update, remove };
}
