import type { ConversationContext } from '../../runtime/conversation-context';
import type { Product } from '../../runtime/ports';
import type { OrderItemInput } from '../../runtime/user-message';
import { addToCart, type Cart, readCart } from './cart';
import type { OrderConfig } from './order-schema';

/** How many more of a product (or its variant) the customer may add: stock left and the node's limit. */
export function available(product: Product, variantId: string | undefined, context: ConversationContext, config: OrderConfig): number {
  const variant = product.variants?.find((v) => v.id === variantId);
  const stock = variant?.stock ?? product.stock;
  const inCart = readCart(context.vars.cart)?.lines.find((l) => l.productId === product.id && l.variantId === variant?.id)?.quantity ?? 0;
  return Math.min(config.maxQuantity, stock === undefined ? Number.POSITIVE_INFINITY : stock - inCart);
}

/**
 * The cart with the items of a cart the customer sent from the channel's catalog, priced by our
 * catalog (`products[i]` is item i's product, undefined when unknown) and capped by stock and the
 * node's limit. Items that cannot be added are named in `refused`.
 */
export function cartWithItems(
  items: readonly OrderItemInput[],
  products: readonly (Product | undefined)[],
  context: ConversationContext,
  config: OrderConfig,
): { cart: Cart | undefined; refused: string[] } {
  let cart = readCart(context.vars.cart);
  const refused: string[] = [];
  items.forEach((item, i) => {
    const product = products[i];
    const quantity = product ? Math.min(Math.floor(item.quantity), available(product, undefined, context, config)) : 0;
    const added =
      product && quantity >= 1
        ? addToCart(cart, { productId: product.id, name: product.name, quantity, unitPrice: product.price }, product.currency)
        : undefined;
    if (added && 'cart' in added) cart = added.cart;
    else refused.push(product?.name ?? item.productId);
  });
  return { cart, refused };
}
