import { useCallback, useEffect, useState } from 'react';
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

  return { items, departments, error, reload };
}
