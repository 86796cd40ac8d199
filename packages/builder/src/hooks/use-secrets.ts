import { useCallback, useEffect, useState } from 'react';
import type { Secret } from '../api/secrets-api';
import { useBusinessApi } from './use-business-api';

/** The workspace's secret names, with set (add or replace) and delete that keep the list current. */
export function useSecrets() {
  const { secrets } = useBusinessApi();
  const [list, setList] = useState<Secret[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    secrets
      .list()
      .then((found) => {
        setList(found);
        setError(undefined);
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [secrets]);

  const put = useCallback(
    async (name: string, value: string) => {
      const saved = await secrets.put(name, value);
      setList((current) => [...(current ?? []).filter((one) => one.name !== name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      return saved;
    },
    [secrets],
  );
  const remove = useCallback(
    async (name: string) => {
      await secrets.remove(name);
      setList((current) => current?.filter((one) => one.name !== name));
    },
    [secrets],
  );
  return { list, error, put, remove };
}
