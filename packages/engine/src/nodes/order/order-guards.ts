import type { NodeActionArgs, NodeEvent } from '../../define-node-type';
import type { ConversationContext } from '../../runtime/conversation-context';
import { normalizeText } from '../../runtime/match-option';
import type { Product } from '../../runtime/ports';
import { readCart } from './cart';
import { chosen, messageOf, orderData, outputOf } from './order-data';
import { available, cartWithItems } from './order-items';
import type { DeliveryField, OrderConfig } from './order-schema';

type Args = NodeActionArgs<OrderConfig>;

/** The quantity a message asks for: a tapped row, a typed number (`12`, `2 please`), or nothing. */
export function quantityOf(event: NodeEvent, context: ConversationContext): number | undefined {
  const id = chosen(event, context);
  if (id?.startsWith('qty:')) return Number(id.slice(4));
  const message = messageOf(event);
  const typed = message?.kind === 'text' ? /\d+/.exec(message.text) : null;
  return typed ? Number(typed[0]) : undefined;
}

/** Delivery fields the customer still has to answer: those without a value in their variable. */
export function fieldsToAsk(context: ConversationContext, config: OrderConfig): DeliveryField[] {
  return config.deliveryFields.filter((f) => !(f.variable && prefilled(context.vars[f.variable])));
}

export function prefilled(value: unknown): value is string | number {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/** The answer to the current delivery field: typed text, a shared location, `''` for a skipped optional one. */
export function fieldAnswer(event: NodeEvent, context: ConversationContext, config: OrderConfig): string | undefined {
  const message = messageOf(event);
  const field = config.deliveryFields.find((f) => f.id === orderData(context).pending?.[0]);
  if (!message || !field) return undefined;
  const skipped =
    (message.kind === 'choice' && message.id === 'skip') ||
    (message.kind === 'text' && normalizeText(message.text) === normalizeText(config.skipLabel));
  if (skipped) return field.optional ? '' : undefined;
  if (message.kind === 'text') return message.text.trim() || undefined;
  if (message.kind === 'location') {
    return [message.name, message.address].filter(Boolean).join(', ') || `${message.latitude}, ${message.longitude}`;
  }
  return undefined;
}

/** Whether a product can be ordered at all: it exists and some of it (or of a variant) is left. */
function orderable(product: Product | undefined, context: ConversationContext, config: OrderConfig): boolean {
  if (!product) return false;
  if (product.variants?.length) return product.variants.some((v) => available(product, v.id, context, config) > 0);
  return available(product, undefined, context, config) > 0;
}

/** Conditions of the order node's steps, by name; `params` is the node's config (plus `option` for `chose`). */
export const orderGuards = {
  cancelWord: ({ event, params }: Args) => {
    const message = messageOf(event);
    return message?.kind === 'text' && params.cancelKeywords.some((k) => normalizeText(k) === normalizeText(message.text));
  },
  catalogOrder: ({ event }: Args) => {
    const message = messageOf(event);
    return message?.kind === 'order' && message.items.length > 0;
  },
  hasCart: ({ context }: Args) => readCart(context.vars.cart) !== undefined,
  hasOutput: ({ event }: Args) => (outputOf<unknown[]>(event)?.length ?? 0) > 0,
  browsingAll: ({ context }: Args) => !orderData(context).query?.category && !orderData(context).query?.search,
  chose: ({ context, event, params }: NodeActionArgs<{ option: string }>) => chosen(event, context) === params.option,
  viewCart: ({ context, event }: Args) => chosen(event, context) === 'cart' && readCart(context.vars.cart) !== undefined,
  choseCategory: ({ context, event }: Args) => chosen(event, context)?.startsWith('category:') === true,
  choseProduct: ({ context, event }: Args) => chosen(event, context)?.startsWith('product:') === true,
  typed: ({ event }: Args) => {
    const message = messageOf(event);
    return message?.kind === 'text' && message.text.trim() !== '';
  },
  unavailable: ({ context, event, params }: Args) => !orderable(outputOf<Product>(event), context, params),
  hasVariants: ({ event }: Args) => (outputOf<Product>(event)?.variants?.length ?? 0) > 0,
  choseVariant: ({ context, event, params }: Args) => {
    const product = orderData(context).product;
    const id = chosen(event, context);
    const variant = product?.variants?.find((v) => `variant:${v.id}` === id);
    return !!product && !!variant && available(product, variant.id, context, params) > 0;
  },
  validQuantity: ({ context, event, params }: Args) => {
    const { product, variantId } = orderData(context);
    const quantity = quantityOf(event, context);
    return !!product && quantity !== undefined && quantity >= 1 && quantity <= available(product, variantId, context, params);
  },
  checkout: ({ context, event, params }: NodeActionArgs<OrderConfig & { direct: boolean }>) =>
    chosen(event, context) === 'checkout' && (fieldsToAsk(context, params).length === 0) === params.direct,
  answered: ({ context, event, params }: Args) => fieldAnswer(event, context, params) !== undefined,
  lastField: ({ context, event, params }: Args) =>
    fieldAnswer(event, context, params) !== undefined && (orderData(context).pending?.length ?? 0) <= 1,
  itemsAdded: ({ context, event, params }: Args) =>
    cartWithItems(orderData(context).items ?? [], outputOf<(Product | undefined)[]>(event) ?? [], context, params).cart !== undefined,
};
