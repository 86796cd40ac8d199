import { useCallback, useEffect, useState } from 'react';
import type { Contact, Order, OrderStatus } from '../api/orders-api';
import { useBusinessApi } from './use-business-api';

/** One order with its contact; `setStatus` moves it along and keeps the answer. */
export function useOrder(id: string | undefined) {
  const { orders } = useBusinessApi();
  const [order, setOrder] = useState<Order>();
  const [contact, setContact] = useState<Contact>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setOrder(undefined);
    setContact(undefined);
    setError(undefined);
    if (!id) return;
    let current = true;
    orders
      .get(id)
      .then(async (found) => {
        if (!current) return;
        setOrder(found);
        // The contact may have been deleted on request; the order still shows without it.
        const who = await orders.contact(found.contactId).catch(() => undefined);
        if (current) setContact(who);
      })
      .catch((caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      current = false;
    };
  }, [orders, id]);

  const setStatus = useCallback(
    async (status: OrderStatus, note?: string) => {
      if (!id) return undefined;
      const updated = await orders.setStatus(id, status, note);
      setOrder(updated);
      return updated;
    },
    [orders, id],
  );

  return { order, contact, error, setStatus };
}
