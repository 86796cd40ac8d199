import { useCallback, useEffect, useState } from 'react';
import type { Order, OrderStatus } from '../api/orders-api';
import { useBusinessApi } from './use-business-api';

/** Orders, newest first, optionally of one status; `reload` after a change. */
export function useOrders(status: OrderStatus | undefined) {
  const { orders } = useBusinessApi();
  const [list, setList] = useState<Order[]>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void version;
    orders
      .list(status)
      .then((found) => {
        if (!current) return;
        setList(found);
        setError(undefined);
      })
      .catch((caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      current = false;
    };
  }, [orders, status, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { list, error, reload };
}
