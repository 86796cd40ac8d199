import type { MenuOption, OutboundMessage } from '../../runtime/outbound-message';
import type { Product } from '../../runtime/ports';
import { WHATSAPP_LIMITS } from '../../runtime/whatsapp-limits';
import { type Cart, cartLines } from './cart';
import { formatMoney } from './money';
import type { DeliveryField, OrderConfig } from './order-schema';

export const LIST_ROWS_MAX = WHATSAPP_LIMITS.listRows;
const { rowTitle: ROW_TITLE_MAX, rowDescription: ROW_DESCRIPTION_MAX, buttonBody: BUTTON_BODY_MAX } = WHATSAPP_LIMITS;

/** Texts longer than a channel field are cut with an ellipsis rather than rejected by the channel. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A list message; the caller keeps rows within ten. */
export function listMessage(text: string, options: MenuOption[], config: OrderConfig): OutboundMessage {
  return { kind: 'menu', text, options, style: 'list', button: config.listButton };
}

/**
 * Buttons under a text. A body too long for buttons (a big cart) goes first as its own text,
 * and the buttons follow under the short `question`.
 */
export function buttonsMessages(body: string, question: string, options: MenuOption[]): OutboundMessage[] {
  if (body.length <= BUTTON_BODY_MAX) return [{ kind: 'menu', text: body, options, style: 'buttons' }];
  return [
    { kind: 'text', text: body },
    { kind: 'menu', text: question, options, style: 'buttons' },
  ];
}

export function categoryOption(category: string): MenuOption {
  return { id: `category:${category}`, label: clip(category, ROW_TITLE_MAX) };
}

/** A product as a list row: its name, and its price (from the lowest variant) with its description. */
export function productOption(product: Product, locale: string): MenuOption {
  const prices = product.variants?.length ? product.variants.map((v) => v.price ?? product.price) : [product.price];
  const lowest = Math.min(...prices);
  const price = formatMoney(lowest, product.currency, locale);
  const from = new Set(prices).size > 1 ? `from ${price}` : price;
  return {
    id: `product:${product.id}`,
    label: clip(product.name, ROW_TITLE_MAX),
    description: clip(product.description ? `${from} · ${product.description}` : from, ROW_DESCRIPTION_MAX),
  };
}

export function variantOptions(product: Product, locale: string): MenuOption[] {
  return (product.variants ?? [])
    .filter((v) => v.stock === undefined || v.stock > 0)
    .slice(0, LIST_ROWS_MAX)
    .map((v) => ({
      id: `variant:${v.id}`,
      label: clip(v.name, ROW_TITLE_MAX),
      description: formatMoney(v.price ?? product.price, product.currency, locale),
    }));
}

/** Quantities 1 to `max` (ten at most) to tap; any other number can be typed. */
export function quantityOptions(max: number): MenuOption[] {
  return Array.from({ length: Math.min(max, LIST_ROWS_MAX) }, (_, i) => ({ id: `qty:${i + 1}`, label: String(i + 1) }));
}

export function cartMessages(
  cart: Cart,
  config: OrderConfig,
  locale: string,
  heading: string,
): { say: OutboundMessage[]; options: MenuOption[] } {
  const options = [
    { id: 'add', label: config.addMoreLabel },
    { id: 'checkout', label: config.checkoutLabel },
    { id: 'cancel', label: config.cancelLabel },
  ];
  return { say: buttonsMessages([heading, ...cartLines(cart, locale)].join('\n'), heading, options), options };
}

export function summaryMessages(
  cart: Cart,
  delivery: Record<string, string>,
  fields: readonly DeliveryField[],
  config: OrderConfig,
  locale: string,
  heading: string,
): { say: OutboundMessage[]; options: MenuOption[] } {
  const details = fields.filter((f) => delivery[f.id]).map((f) => `${f.label}: ${delivery[f.id]}`);
  const body = [heading, ...cartLines(cart, locale), ...(details.length ? ['', ...details] : [])].join('\n');
  const options = [
    { id: 'confirm', label: config.confirmLabel },
    { id: 'cancel', label: config.cancelLabel },
  ];
  return { say: buttonsMessages(body, heading, options), options };
}

/** A delivery question; an optional one has a Skip button. */
export function fieldMessage(field: DeliveryField, prompt: string, config: OrderConfig): { say: OutboundMessage; options: MenuOption[] } {
  if (!field.optional) return { say: { kind: 'text', text: prompt }, options: [] };
  const options = [{ id: 'skip', label: config.skipLabel }];
  return { say: { kind: 'menu', text: prompt, options, style: 'buttons' }, options };
}
