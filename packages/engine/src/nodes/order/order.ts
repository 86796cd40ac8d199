import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { orderActions } from './order-actions';
import { orderActors } from './order-actors';
import { orderGuards } from './order-guards';
import { orderSchema } from './order-schema';
import { orderStates } from './order-states';

/**
 * Takes an order from the host's catalog: browse or search, pick variants and quantities, review
 * the cart, give delivery details and confirm. A cart sent from the channel's catalog goes straight
 * into the cart. Confirming emits `order.create` and sets the `order` variable.
 */
export const order = defineNodeType({
  type: 'order',
  version: 1,
  title: 'Order',
  description: 'Browse the catalog, fill a cart, collect delivery details and confirm an order',
  category: 'Commerce',
  icon: '🛒',
  configSchema: orderSchema,
  exits: () => [
    { id: 'confirmed', label: 'Confirmed' },
    { id: 'cancelled', label: 'Cancelled' },
    { id: 'error', label: 'Catalog error' },
  ],
  summary: (config) => `Order with ${config.deliveryFields.map((f) => f.label).join(', ') || 'no delivery details'}`,
  variables: (config) => ({
    sets: ['cart', 'order', ...config.deliveryFields.flatMap((f) => (f.variable ? [f.variable] : []))],
  }),
  checks: (config) => {
    const findings: CheckFinding[] = [];
    const ids = new Set<string>();
    config.deliveryFields.forEach((field, i) => {
      if (ids.has(field.id))
        findings.push({ severity: 'error', field: `data.deliveryFields[${i}].id`, message: `duplicates field "${field.id}"` });
      ids.add(field.id);
    });
    const buttonSets = {
      cart: ['addMoreLabel', 'checkoutLabel', 'cancelLabel'],
      confirmation: ['confirmLabel', 'cancelLabel'],
    } as const;
    for (const [where, keys] of Object.entries(buttonSets)) {
      const labels = keys.map((key) => config[key].trim().toLowerCase());
      keys.forEach((key, i) => {
        if (labels.indexOf(labels[i] as string) !== i)
          findings.push({
            severity: 'error',
            field: `data.${key}`,
            message: `repeats another ${where} button; WhatsApp needs them unique`,
          });
      });
    }
    return findings;
  },
  compile: (config, ctx) => orderStates(config, ctx),
  actions: orderActions,
  guards: orderGuards,
  actors: orderActors,
});
