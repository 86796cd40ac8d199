import type { OrderDraft } from '../../runtime/effect';
import { formatMoney, fromMinor, toMinor } from './money';

/** One line of a cart, priced when it was added. */
export type CartLine = OrderDraft['lines'][number];

/**
 * The `cart` variable the AI and order nodes share: lines in one currency and their exact total
 * (in major units, e.g. 28.5), so a flow can show `{{cart.total}}` and an order node can pick up
 * what an AI node put in the cart.
 */
export interface Cart {
  currency: string;
  lines: CartLine[];
  total: number;
}

/** The total of lines, summed in integer minor units so 0.1 + 0.2 is 0.3. */
export function cartTotal(lines: readonly CartLine[], currency: string): number {
  return fromMinor(
    lines.reduce((sum, line) => sum + line.quantity * toMinor(line.unitPrice, currency), 0),
    currency,
  );
}

/** A cart of these lines with its total. */
export function makeCart(currency: string, lines: CartLine[]): Cart {
  return { currency, lines, total: cartTotal(lines, currency) };
}

/**
 * The cart a variable holds, or undefined when it holds none. Variables can be set by any node,
 * so the shape is checked here rather than trusted.
 */
export function readCart(value: unknown): Cart | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { currency, lines } = value as { currency?: unknown; lines?: unknown };
  if (typeof currency !== 'string' || !Array.isArray(lines)) return undefined;
  const valid = lines.filter(
    (line): line is CartLine =>
      !!line &&
      typeof line.productId === 'string' &&
      typeof line.name === 'string' &&
      Number.isInteger(line.quantity) &&
      line.quantity > 0 &&
      typeof line.unitPrice === 'number',
  );
  return valid.length > 0 ? makeCart(currency, valid) : undefined;
}

/**
 * The cart with a line added; the same product and variant add up on one line. A cart holds one
 * currency, so a product priced in another is refused with a reason.
 */
export function addToCart(cart: Cart | undefined, line: CartLine, currency: string): { cart: Cart } | { error: string } {
  if (cart && cart.currency !== currency) {
    return { error: `${line.name} is priced in ${currency}, but the cart is in ${cart.currency}` };
  }
  const lines = [...(cart?.lines ?? [])];
  const same = lines.findIndex((l) => l.productId === line.productId && l.variantId === line.variantId);
  const existing = lines[same];
  if (existing) lines[same] = { ...existing, quantity: existing.quantity + line.quantity };
  else lines.push(line);
  return { cart: makeCart(currency, lines) };
}

/** The cart as lines a customer reads, e.g. `2 × Pizza (Large): $25.00` and a total. */
export function cartLines(cart: Cart, locale?: string): string[] {
  const money = (amount: number) => formatMoney(amount, cart.currency, locale);
  return [
    ...cart.lines.map((line) => {
      const name = line.variant ? `${line.name} (${line.variant})` : line.name;
      return `${line.quantity} × ${name}: ${money(fromMinor(line.quantity * toMinor(line.unitPrice, cart.currency), cart.currency))}`;
    }),
    `Total: ${money(cart.total)}`,
  ];
}
