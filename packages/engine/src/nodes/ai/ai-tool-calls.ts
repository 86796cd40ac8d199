import type { AiToolCall, AiToolResult, CatalogPort, Product } from '../../runtime/ports';
import { addToCart, type Cart } from '../order/cart';

/** What the model's tool calls changed during one turn. */
export interface TurnState {
  vars: Record<string, string | number | boolean>;
  cart?: Cart;
  cartChanged: boolean;
  handoff?: { note: string };
  outcome?: string;
}

/** What a turn may do, from the node's config. */
export interface ToolLimits {
  tools: readonly string[];
  variables: readonly string[];
  outcomes: readonly string[];
}

const SEARCH_LIMIT = 10;
const QUANTITY_MAX = 100;

/**
 * Carries out one tool call, recording its effect in `state`, and answers it for the model. A bad
 * call (unknown tool, product or variable, catalog down) is answered with an error the model can
 * act on; it never fails the turn.
 */
export async function carryOut(
  call: AiToolCall,
  state: TurnState,
  limits: ToolLimits,
  catalog: CatalogPort | undefined,
): Promise<AiToolResult> {
  const ok = (content: unknown): AiToolResult => ({
    callId: call.id,
    content: typeof content === 'string' ? content : JSON.stringify(content),
  });
  const fail = (content: string): AiToolResult => ({ callId: call.id, content, isError: true });
  const input = call.input ?? {};
  if (!limits.tools.includes(call.name)) return fail(`There is no tool "${call.name}".`);
  switch (call.name) {
    case 'handoff':
      state.handoff = { note: typeof input.note === 'string' ? input.note : '' };
      return ok('The conversation is being handed to an agent.');
    case 'finish': {
      if (typeof input.outcome !== 'string' || !limits.outcomes.includes(input.outcome)) {
        return fail(`outcome must be one of: ${limits.outcomes.join(', ')}.`);
      }
      state.outcome = input.outcome;
      return ok('Finished.');
    }
    case 'set_variable': {
      const { name, value } = input;
      if (typeof name !== 'string' || !limits.variables.includes(name)) return fail(`name must be one of: ${limits.variables.join(', ')}.`);
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return fail('value must be text, a number or true/false.');
      state.vars[name] = value;
      return ok(`Saved ${name}.`);
    }
    case 'search_catalog':
    case 'add_to_cart': {
      if (!catalog) return fail('The catalog is not available.');
      try {
        return call.name === 'search_catalog' ? ok(await search(input, catalog)) : await addLine(input, state, catalog, ok, fail);
      } catch {
        return fail('The catalog is not available right now.');
      }
    }
  }
  return fail(`There is no tool "${call.name}".`);
}

async function search(input: Record<string, unknown>, catalog: CatalogPort) {
  const products = await catalog.products({
    ...(typeof input.query === 'string' && input.query.trim() ? { search: input.query } : {}),
    ...(typeof input.category === 'string' && input.category ? { category: input.category } : {}),
    limit: SEARCH_LIMIT,
  });
  return products.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    price: p.price,
    currency: p.currency,
    ...(p.stock === undefined ? {} : { stock: p.stock }),
    ...(p.variants?.length
      ? {
          variants: p.variants.map((v) => ({
            id: v.id,
            name: v.name,
            price: v.price ?? p.price,
            ...(v.stock === undefined ? {} : { stock: v.stock }),
          })),
        }
      : {}),
  }));
}

async function addLine(
  input: Record<string, unknown>,
  state: TurnState,
  catalog: CatalogPort,
  ok: (content: unknown) => AiToolResult,
  fail: (content: string) => AiToolResult,
): Promise<AiToolResult> {
  const { productId, quantity, variantId } = input;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX) {
    return fail(`quantity must be a whole number from 1 to ${QUANTITY_MAX}.`);
  }
  const product = typeof productId === 'string' ? await catalog.product(productId) : undefined;
  if (!product) return fail(`There is no product with id ${JSON.stringify(productId)}; search the catalog for its id.`);
  const variant = product.variants?.find((v) => v.id === variantId);
  if (product.variants?.length && !variant) {
    return fail(`${product.name} needs a variantId, one of: ${product.variants.map((v) => `${v.id} (${v.name})`).join(', ')}.`);
  }
  const inCart = state.cart?.lines.find((l) => l.productId === product.id && l.variantId === variant?.id)?.quantity ?? 0;
  const stock = variant?.stock ?? product.stock;
  if (stock !== undefined && inCart + quantity > stock)
    return fail(`Only ${stock} of ${product.name} in stock (${inCart} already in the cart).`);
  const added = addToCart(state.cart, lineOf(product, variant, quantity), product.currency);
  if ('error' in added) return fail(`${added.error}.`);
  state.cart = added.cart;
  state.cartChanged = true;
  return ok(added.cart);
}

function lineOf(product: Product, variant: NonNullable<Product['variants']>[number] | undefined, quantity: number) {
  return {
    productId: product.id,
    name: product.name,
    ...(variant ? { variant: variant.name, variantId: variant.id } : {}),
    quantity,
    unitPrice: variant?.price ?? product.price,
  };
}
