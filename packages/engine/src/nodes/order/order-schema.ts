import type { ConfigOf } from '../../define-node-type';

const text = (title: string, fallback: string, description?: string) =>
  ({ type: 'string', title, default: fallback, minLength: 1, ...(description ? { description } : {}) }) as const;
/** Reply buttons and list rows are short on WhatsApp: 20 characters for a button title. */
const label = (title: string, fallback: string) => ({ type: 'string', title, default: fallback, minLength: 1, maxLength: 20 }) as const;

/** The order node's config: texts the customer reads at each step, delivery fields, limits. */
export const orderSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    categoriesText: text('Categories prompt', 'What would you like to order? Choose a category, or type what you are looking for.'),
    productsText: text('Products prompt', 'Choose a product, or type to search.'),
    variantText: text('Variant prompt', 'Which one would you like?'),
    quantityText: text('Quantity prompt', 'How many would you like?'),
    cartText: text('Cart heading', 'Your cart:'),
    confirmText: text('Confirmation prompt', 'Please confirm your order:'),
    confirmedText: text('After confirming', 'Thank you! We received your order.'),
    cancelledText: text('After cancelling', 'Your order was cancelled.'),
    notFoundText: text('Nothing found', 'Sorry, we found nothing for that. Try another word or choose from the list.'),
    unavailableText: text('Product unavailable', 'Sorry, that product is not available right now.'),
    invalidText: text('Answer not understood', 'Sorry, I did not understand. Please choose one of the options.'),
    invalidQuantityText: text('Quantity not understood', 'Please send a whole number, like 2.'),
    errorText: text(
      'Catalog failure',
      'Sorry, our catalog is not available right now. Please try again later.',
      'Sent before leaving by "Error"',
    ),
    listButton: label('List button', 'View'),
    moreLabel: label('"More" row', 'More…'),
    cartLabel: label('"Cart" row', 'View cart'),
    addMoreLabel: label('"Add more" button', 'Add more'),
    checkoutLabel: label('"Checkout" button', 'Checkout'),
    confirmLabel: label('"Confirm" button', 'Confirm'),
    cancelLabel: label('"Cancel" button', 'Cancel'),
    skipLabel: label('"Skip" button', 'Skip'),
    cancelKeywords: {
      type: 'array',
      title: 'Cancel words',
      description: 'Typing one of these at any step cancels the order',
      items: { type: 'string', minLength: 1 },
      default: ['cancel'],
    },
    maxQuantity: { type: 'integer', title: 'Most of one product', minimum: 1, maximum: 1000, default: 20 },
    deliveryFields: {
      type: 'array',
      title: 'Delivery details',
      description: 'Asked in order at checkout',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'prompt'],
        properties: {
          id: { type: 'string', title: 'Id', description: 'Key in the order, e.g. address', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          label: { type: 'string', title: 'Label', description: 'Shown in the order summary', minLength: 1 },
          prompt: { type: 'string', title: 'Question', minLength: 1, 'x-widget': 'textarea' },
          optional: { type: 'boolean', title: 'Optional', description: 'Offer a "Skip" button', default: false },
          variable: {
            type: 'string',
            title: 'Variable',
            description: 'Saves the answer there; when it already has a value the question is not asked',
            pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          },
        },
      },
      default: [
        { id: 'name', label: 'Name', prompt: 'What name should we put on the order?' },
        { id: 'address', label: 'Address', prompt: 'What is the delivery address? You can also send your location.' },
        { id: 'notes', label: 'Notes', prompt: 'Any notes for the order?', optional: true },
      ],
    },
  },
} as const;

export type OrderConfig = ConfigOf<typeof orderSchema>;
export type DeliveryField = OrderConfig['deliveryFields'][number];
