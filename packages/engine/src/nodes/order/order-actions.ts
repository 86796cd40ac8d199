import type { NodeActionArgs, NodeUpdate } from '../../define-node-type';
import type { ConversationContext } from '../../runtime/conversation-context';
import type { OrderDraft } from '../../runtime/effect';
import type { MenuOption, OutboundMessage } from '../../runtime/outbound-message';
import type { Product } from '../../runtime/ports';
import { interpolate } from '../../runtime/template';
import { addToCart, type Cart, type CartLine, readCart } from './cart';
import { formatMoney } from './money';
import { type BrowseQuery, chosen, messageOf, orderData, outputOf } from './order-data';
import { fieldAnswer, fieldsToAsk, prefilled, quantityOf } from './order-guards';
import { available, cartWithItems } from './order-items';
import {
  cartMessages,
  categoryOption,
  fieldMessage,
  LIST_ROWS_MAX,
  listMessage,
  productOption,
  quantityOptions,
  summaryMessages,
  variantOptions,
} from './order-messages';
import type { OrderConfig } from './order-schema';

type Args = NodeActionArgs<OrderConfig>;

const localeOf = (context: ConversationContext) => context.contact.locale ?? 'en';
const say = (context: ConversationContext, text: string): OutboundMessage => ({ kind: 'text', text: interpolate(text, context) });

/** Asks a question: says it and remembers it (and its options) to ask again after a wrong answer. */
function ask(messages: OutboundMessage[], options: MenuOption[], data: Record<string, unknown> = {}): NodeUpdate {
  return { say: messages, data: { ...data, options, prompt: messages } };
}

/** Rows a list has for items once the "More" row and, with a cart, the "View cart" row are kept free. */
function pageSize(context: ConversationContext): number {
  return LIST_ROWS_MAX - 1 - (readCart(context.vars.cart) ? 1 : 0);
}

/** The rows after a page of items: "More" when more remain, "View cart" when there is a cart. */
function extraRows(context: ConversationContext, config: OrderConfig, more: boolean): MenuOption[] {
  return [
    ...(more ? [{ id: 'more', label: config.moreLabel }] : []),
    ...(readCart(context.vars.cart) ? [{ id: 'cart', label: config.cartLabel }] : []),
  ];
}

function showCategories(context: ConversationContext, config: OrderConfig, categories: string[], page: number): NodeUpdate {
  const size = pageSize(context);
  const start = page * size < categories.length ? page * size : 0;
  const options = [
    ...categories.slice(start, start + size).map(categoryOption),
    ...extraRows(context, config, categories.length > start + size),
  ];
  return ask([listMessage(interpolate(config.categoriesText, context), options, config)], options, {
    categories,
    categoryPage: start / size,
  });
}

function browse(context: ConversationContext, query: Omit<BrowseQuery, 'pageSize' | 'offset'>): NodeUpdate {
  return { data: { query: { ...query, offset: 0, pageSize: pageSize(context) } } };
}

function showCart(context: ConversationContext, config: OrderConfig, cart: Cart | undefined): NodeUpdate {
  if (!cart) return {};
  const { say: messages, options } = cartMessages(cart, config, localeOf(context), interpolate(config.cartText, context));
  return ask(messages, options);
}

function showSummary(context: ConversationContext, config: OrderConfig, delivery: Record<string, string>): NodeUpdate {
  const cart = readCart(context.vars.cart);
  if (!cart) return {};
  const heading = interpolate(config.confirmText, context);
  const { say: messages, options } = summaryMessages(cart, delivery, config.deliveryFields, config, localeOf(context), heading);
  return ask(messages, options, { delivery, pending: [] });
}

function askField(context: ConversationContext, config: OrderConfig, pending: string[], delivery: Record<string, string>): NodeUpdate {
  const field = config.deliveryFields.find((f) => f.id === pending[0]);
  if (!field) return showSummary(context, config, delivery);
  const { say: message, options } = fieldMessage(field, interpolate(field.prompt, context), config);
  return ask([message], options, { pending, delivery });
}

function lineOf(product: Product, variantId: string | undefined, quantity: number): CartLine {
  const variant = product.variants?.find((v) => v.id === variantId);
  return {
    productId: product.id,
    name: product.name,
    ...(variant ? { variant: variant.name, variantId: variant.id } : {}),
    quantity,
    unitPrice: variant?.price ?? product.price,
  };
}

/** The order node's steps as pure updates, by name; `params` is the node's config. */
export const orderActions: Record<string, (args: Args) => NodeUpdate> = {
  listCategories: ({ context, event, params }: Args) => showCategories(context, params, outputOf<string[]>(event) ?? [], 0),
  moreCategories: ({ context, params }: Args) => {
    const data = orderData(context);
    return showCategories(context, params, data.categories ?? [], (data.categoryPage ?? 0) + 1);
  },
  browseAll: ({ context }: Args) => browse(context, {}),
  browseCategory: ({ context, event }: Args) => browse(context, { category: chosen(event, context)?.slice('category:'.length) ?? '' }),
  search: ({ context, event }: Args) => {
    const message = messageOf(event);
    return browse(context, { search: message?.kind === 'text' ? message.text.trim() : '' });
  },
  nextPage: ({ context }: Args) => {
    const query = orderData(context).query;
    return query ? { data: { query: { ...query, offset: query.offset + query.pageSize } } } : {};
  },
  listProducts: ({ context, event, params }: Args) => {
    const products = outputOf<Product[]>(event) ?? [];
    const size = orderData(context).query?.pageSize ?? pageSize(context);
    const options = [
      ...products.slice(0, size).map((p) => productOption(p, localeOf(context))),
      ...extraRows(context, params, products.length > size),
    ];
    return ask([listMessage(interpolate(params.productsText, context), options, params)], options);
  },
  notFound: ({ context, params }: Args) => ({ say: [say(context, params.notFoundText)] }),
  pickProduct: ({ context, event }: Args) => ({ data: { productId: chosen(event, context)?.slice('product:'.length) } }),
  unavailable: ({ context, params }: Args) => ({ say: [say(context, params.unavailableText)] }),
  listVariants: ({ context, event, params }: Args) => {
    const product = outputOf<Product>(event);
    if (!product) return {};
    const options = variantOptions(product, localeOf(context));
    const text = `${product.name}\n${interpolate(params.variantText, context)}`;
    return ask([listMessage(text, options, params)], options, { product });
  },
  askQuantity: ({ context, event, params }: Args) => {
    const product = outputOf<Product>(event) ?? orderData(context).product;
    if (!product) return {};
    const id = chosen(event, context);
    const variantId = id?.startsWith('variant:') ? id.slice('variant:'.length) : undefined;
    const line = lineOf(product, variantId, 1);
    const name = line.variant ? `${line.name} (${line.variant})` : line.name;
    const text = `${name}: ${formatMoney(line.unitPrice, product.currency, localeOf(context))}\n${interpolate(params.quantityText, context)}`;
    const max = available(product, variantId, context, params);
    const options = quantityOptions(max);
    return ask([listMessage(text, options, params)], options, { product, variantId });
  },
  addLine: ({ context, event, params }: Args) => {
    const { product, variantId } = orderData(context);
    const quantity = quantityOf(event, context);
    if (!product || !quantity) return {};
    const added = addToCart(readCart(context.vars.cart), lineOf(product, variantId, quantity), product.currency);
    if ('error' in added) return { say: [say(context, added.error)], ...showCart(context, params, readCart(context.vars.cart)) };
    return { vars: { cart: added.cart }, ...showCart(context, params, added.cart) };
  },
  showCart: ({ context, params }: Args) => showCart(context, params, readCart(context.vars.cart)),
  startDelivery: ({ context, params }: Args) => {
    const delivery: Record<string, string> = {};
    for (const field of params.deliveryFields) {
      const value = field.variable ? context.vars[field.variable] : undefined;
      if (prefilled(value)) delivery[field.id] = String(value);
    }
    return askField(
      context,
      params,
      fieldsToAsk(context, params).map((f) => f.id),
      delivery,
    );
  },
  saveField: ({ context, event, params }: Args) => {
    const data = orderData(context);
    const [current, ...rest] = data.pending ?? [];
    const answer = fieldAnswer(event, context, params);
    const field = params.deliveryFields.find((f) => f.id === current);
    if (!field || answer === undefined) return {};
    const delivery = answer ? { ...data.delivery, [field.id]: answer } : { ...data.delivery };
    const next = askField(context, params, rest, delivery);
    return field.variable && answer ? { ...next, vars: { [field.variable]: answer } } : next;
  },
  placeOrder: ({ context, params }: Args) => {
    const cart = readCart(context.vars.cart);
    if (!cart) return {};
    const order: OrderDraft = {
      lines: cart.lines,
      currency: cart.currency,
      total: cart.total,
      delivery: orderData(context).delivery ?? {},
    };
    return {
      vars: { order: { total: cart.total, currency: cart.currency, lines: cart.lines }, cart: null },
      say: [say(context, params.confirmedText)],
      effects: [{ type: 'order.create', order }],
    };
  },
  cancel: ({ context, params }: Args) => ({ vars: { cart: null }, say: [say(context, params.cancelledText)] }),
  keepItems: ({ event }: Args) => {
    const message = messageOf(event);
    return message?.kind === 'order' ? { data: { items: message.items } } : {};
  },
  addItems: ({ context, event, params }: Args) => {
    const { cart, refused } = cartWithItems(
      orderData(context).items ?? [],
      outputOf<(Product | undefined)[]>(event) ?? [],
      context,
      params,
    );
    const notice = refused.length ? [say(context, `${params.unavailableText} (${refused.join(', ')})`)] : [];
    const view = showCart(context, params, cart);
    return { ...view, say: [...notice, ...(view.say ?? [])], ...(cart ? { vars: { cart } } : {}) };
  },
  reprompt: ({ context, params }: Args) => ({ say: [say(context, params.invalidText), ...(orderData(context).prompt ?? [])] }),
  repromptQuantity: ({ context, params }: Args) => ({
    say: [say(context, params.invalidQuantityText), ...(orderData(context).prompt ?? [])],
  }),
};
