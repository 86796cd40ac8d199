import type { ApiClient } from './api-client';

export const ORDER_STATUSES = ['new', 'confirmed', 'preparing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLine {
  productId: string;
  name: string;
  variant?: string;
  variantId?: string;
  quantity: number;
  /** Exact decimal text in major units ("12.50"). */
  unitPrice: string;
  lineTotal: string;
}

export interface OrderHistoryEntry {
  status: OrderStatus;
  at: string;
  /** `flow` when the conversation created it, else the user id or `admin`. */
  by: string;
  note?: string;
}

/** An order a flow captured (`GET /api/orders`). */
export interface Order {
  id: string;
  number: number;
  status: OrderStatus;
  conversationId: string;
  contactId: string;
  lines: OrderLine[];
  currency: string;
  total: string;
  delivery: Record<string, string>;
  history: OrderHistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/** A contact as the API shows it: no phone number outside their own export. */
export interface Contact {
  id: string;
  name?: string;
  channel: { kind: 'whatsapp'; phoneNumberId: string } | { kind: 'web'; sessionId: string };
  optedOut: boolean;
  lastInboundAt?: string;
  createdAt: string;
}

/**
 * Statuses an order may move to, as the server allows them: forward along the way, or cancelled
 * before it ships. The server checks again; this only keeps impossible choices out of the menu.
 */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['confirmed', 'preparing', 'shipped', 'delivered', 'cancelled'],
  confirmed: ['preparing', 'shipped', 'delivered', 'cancelled'],
  preparing: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The order endpoints of the REST API, typed. */
export function ordersApi(client: ApiClient) {
  return {
    list: (status?: OrderStatus) => client.get<Order[]>(`/api/orders${status ? `?status=${status}` : ''}`),
    get: (id: string) => client.get<Order>(`/api/orders/${encodeURIComponent(id)}`),
    setStatus: (id: string, status: OrderStatus, note?: string) =>
      client.put<Order>(`/api/orders/${encodeURIComponent(id)}/status`, { status, ...(note ? { note } : {}) }),
    contact: (id: string) => client.get<Contact>(`/api/contacts/${encodeURIComponent(id)}`),
  };
}

export type OrdersApi = ReturnType<typeof ordersApi>;
