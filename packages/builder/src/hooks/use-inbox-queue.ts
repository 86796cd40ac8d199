import { useCallback, useEffect, useRef, useState } from 'react';
import type { DepartmentCount, QueueItem } from '../api/inbox-api';
import { useBusinessApi } from './use-business-api';

/** The handed-off conversations the signed-in person may see, and the counts per department. */
export function useInboxQueue() {
  const { inbox } = useBusinessApi();
  const [items, setItems] = useState<QueueItem[]>();
  const [departments, setDepartments] = useState<DepartmentCount[]>([]);
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    Promise.all([inbox.queue(), inbox.departments()])
      .then(([queue, counts]) => {
        setItems(queue);
        setDepartments(counts);
        setError(undefined);
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [inbox]);
  useEffect(reload, [reload]);

  // A burst of live events (a customer typing several messages) costs one reload, not one each.
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const reloadSoon = useCallback(() => {
    clearTimeout(pending.current);
    pending.current = setTimeout(reload, 150);
  }, [reload]);
  useEffect(() => () => clearTimeout(pending.current), []);

  return { items, departments, error, reload, reloadSoon };
}
