import type { OrderStatus } from '../api/orders-api';

/** How each status reads in the screens, and its badge colour. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, { label: string; badge: string }> = {
  new: { label: 'New', badge: 'badge-amber' },
  confirmed: { label: 'Confirmed', badge: 'badge-blue' },
  preparing: { label: 'Preparing', badge: 'badge-blue' },
  shipped: { label: 'Shipped', badge: 'badge-green' },
  delivered: { label: 'Delivered', badge: 'badge-green' },
  cancelled: { label: 'Cancelled', badge: '' },
};

/** A delivery field name as a label: `delivery_address` reads "Delivery address". */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}
