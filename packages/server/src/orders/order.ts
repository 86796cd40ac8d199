import type { OrderDraft } from '@chatflow/engine';
import { currencyDecimals } from '../catalog/money';

export const ORDER_STATUSES = ['new', 'confirmed', 'preparing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One line of an order: what the draft said, plus its exact amounts in minor units. */
export interface OrderLine {
  productId: string;
  name: string;
  variant?: string;
  variantId?: string;
  quantity: number;
  /** Major units as the flow priced it (12.5). */
  unitPrice: number;
  /** The same in integer minor units (1250). */
  unitPriceMinor: number;
  lineTotalMinor: number;
}

export interface OrderHistoryEntry {
  status: OrderStatus;
  at: number;
  /** Who changed it: `flow` when the conversation created it, else the user id or `admin`. */
  by: string;
  note?: string;
}

/**
 * An order as stored in the `orders` collection: the one order type of the server. The
 * conversation pipeline stores orders through `records.orders`, which writes this same record.
 */
export interface OrderRecord {
  /** Derived from the turn and effect that created it, so a replayed turn stores it once. */
  id: string;
  workspaceId: string;
  /** Sequential per workspace, from 1: what the business and the customer call the order. */
  number: number;
  conversationId: string;
  contactId: string;
  lines: OrderLine[];
  currency: string;
  /** Major units (28.5), exactly `totalMinor` scaled. */
  total: number;
  totalMinor: number;
  delivery: Record<string, string>;
  status: OrderStatus;
  history: OrderHistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

/** Where an order came from: the turn's effect (its id) and the conversation. */
export interface OrderOrigin {
  /** `<inbound event id>:<effect index>`: the same turn replayed stores the order once. */
  id: string;
  workspaceId: string;
  conversationId: string;
  contactId: string;
  createdAt: number;
}

/** An order as a conversation captured it: the engine's draft, where it came from, and the status it starts in (`new` unless given). */
export type CapturedOrder = OrderDraft & OrderOrigin & { status?: OrderStatus };

/** Statuses an order may move to from each status: forward along the way, or cancelled before it ships. */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['confirmed', 'preparing', 'shipped', 'delivered', 'cancelled'],
  confirmed: ['preparing', 'shipped', 'delivered', 'cancelled'],
  preparing: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** True when an order in `from` may become `to`. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** Amounts in major units as exact integers of minor units. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDecimals(currency));
}

/**
 * The lines and totals of a draft, recomputed in integer minor units: the stored total is the
 * exact sum of its lines whatever the draft carried.
 */
export function pricedLines(draft: OrderDraft): { lines: OrderLine[]; totalMinor: number; total: number } {
  const lines = draft.lines.map((line): OrderLine => {
    const unitPriceMinor = toMinorUnits(line.unitPrice, draft.currency);
    return {
      productId: line.productId,
      name: line.name,
      ...(line.variant ? { variant: line.variant } : {}),
      ...(line.variantId ? { variantId: line.variantId } : {}),
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      unitPriceMinor,
      lineTotalMinor: unitPriceMinor * line.quantity,
    };
  });
  const totalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  return { lines, totalMinor, total: totalMinor / 10 ** currencyDecimals(draft.currency) };
}
