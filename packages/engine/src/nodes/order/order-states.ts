import type { CompileContext, NodeState } from '../../define-node-type';
import type { OrderConfig } from './order-schema';

/**
 * The order node as nested states: browse categories and products (each list a message, paged),
 * pick a variant and a quantity, the cart menu, delivery questions, confirmation. Catalog calls are
 * the `load*` states; every waiting state also accepts a cancel word and a cart sent from the
 * channel's catalog, and asks again when it did not understand.
 */
export function orderStates(config: OrderConfig, ctx: CompileContext): NodeState {
  const act = (name: string) => ctx.action(name, config);
  const when = (name: string, extra: Record<string, unknown> = {}) => ctx.guard(name, { ...config, ...extra });
  const chose = (option: string) => ctx.guard('chose', { option });
  const failed = { target: ctx.exit('error'), actions: [ctx.say({ kind: 'text', text: config.errorText })] };
  const load = (actor: string, onDone: unknown[]) => ({ invoke: { ...ctx.invoke(actor), onDone, onError: failed } });
  const waiting = (transitions: unknown[], fallback = 'reprompt') => ({
    on: {
      'user.message': [
        { guard: when('cancelWord'), target: ctx.exit('cancelled'), actions: [act('cancel')] },
        { guard: when('catalogOrder'), target: 'loadItems', actions: [act('keepItems')] },
        ...transitions,
        { actions: [act(fallback)] },
      ],
    },
  });
  const browsing = (more: unknown) =>
    waiting([
      more,
      { guard: when('viewCart'), target: 'cart', actions: [act('showCart')] },
      { guard: when('choseCategory'), target: 'loadProducts', actions: [act('browseCategory')] },
      { guard: when('choseProduct'), target: 'loadProduct', actions: [act('pickProduct')] },
      { guard: when('typed'), target: 'loadProducts', actions: [act('search')] },
    ]);

  return {
    initial: 'start',
    states: {
      start: { always: [{ guard: when('hasCart'), target: 'cart', actions: [act('showCart')] }, { target: 'loadCategories' }] },
      loadCategories: load('categories', [
        { guard: when('hasOutput'), target: 'categories', actions: [act('listCategories')] },
        { target: 'loadProducts', actions: [act('browseAll')] },
      ]),
      categories: browsing({ guard: chose('more'), actions: [act('moreCategories')] }),
      loadProducts: load('products', [
        { guard: when('hasOutput'), target: 'products', actions: [act('listProducts')] },
        // Nothing at all to sell: a catalog problem the admin must see, not a loop.
        { guard: when('browsingAll'), ...failed },
        { target: 'loadCategories', actions: [act('notFound')] },
      ]),
      products: browsing({ guard: chose('more'), target: 'loadProducts', actions: [act('nextPage')] }),
      loadProduct: load('product', [
        { guard: when('unavailable'), target: 'loadProducts', actions: [act('unavailable')] },
        { guard: when('hasVariants'), target: 'variant', actions: [act('listVariants')] },
        { target: 'quantity', actions: [act('askQuantity')] },
      ]),
      variant: waiting([{ guard: when('choseVariant'), target: 'quantity', actions: [act('askQuantity')] }]),
      quantity: waiting([{ guard: when('validQuantity'), target: 'cart', actions: [act('addLine')] }], 'repromptQuantity'),
      cart: waiting([
        { guard: chose('add'), target: 'loadCategories' },
        { guard: when('checkout', { direct: true }), target: 'confirm', actions: [act('startDelivery')] },
        { guard: when('checkout', { direct: false }), target: 'delivery', actions: [act('startDelivery')] },
        { guard: chose('cancel'), target: ctx.exit('cancelled'), actions: [act('cancel')] },
      ]),
      delivery: waiting([
        { guard: when('lastField'), target: 'confirm', actions: [act('saveField')] },
        { guard: when('answered'), actions: [act('saveField')] },
      ]),
      confirm: waiting([
        { guard: chose('confirm'), target: ctx.exit('confirmed'), actions: [act('placeOrder')] },
        { guard: chose('cancel'), target: ctx.exit('cancelled'), actions: [act('cancel')] },
      ]),
      loadItems: load('resolveItems', [
        { guard: when('itemsAdded'), target: 'cart', actions: [act('addItems')] },
        { target: 'loadCategories', actions: [act('unavailable')] },
      ]),
    },
  };
}
