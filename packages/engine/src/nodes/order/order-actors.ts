import type { ConversationContext } from '../../runtime/conversation-context';
import type { CatalogPort, Ports, Product } from '../../runtime/ports';
import { orderData } from './order-data';

type ActorArgs = { context: ConversationContext; ports: Ports };

function catalogOf({ context, ports }: ActorArgs): CatalogPort {
  if (!ports.catalog) throw new Error(`Order node "${context.nodeId}": the host provides no catalog port`);
  return ports.catalog;
}

/** The order node's catalog calls, by name; each failure takes the node's `error` exit. */
export const orderActors = {
  categories: (args: ActorArgs): Promise<string[]> => catalogOf(args).categories(),
  /** One more product than the page shows, to know whether a "More" row is needed. */
  products: (args: ActorArgs): Promise<Product[]> => {
    const query = orderData(args.context).query ?? { offset: 0, pageSize: 9 };
    return catalogOf(args).products({
      ...(query.category ? { category: query.category } : {}),
      ...(query.search ? { search: query.search } : {}),
      offset: query.offset,
      limit: query.pageSize + 1,
    });
  },
  product: async (args: ActorArgs): Promise<Product | undefined> => {
    const id = orderData(args.context).productId;
    return id ? catalogOf(args).product(id) : undefined;
  },
  /** The products of a cart the customer sent from the channel's catalog, item by item. */
  resolveItems: (args: ActorArgs): Promise<(Product | undefined)[]> => {
    const catalog = catalogOf(args);
    return Promise.all((orderData(args.context).items ?? []).map((item) => catalog.product(item.productId)));
  },
};
