import { defineNodeType } from '@chatflow/engine';

/**
 * A developer's own node type, in one file: stamps the customer's loyalty card and leaves by
 * "reward" on every Nth stamp. Registered with `defaultRegistry.extend([loyaltyStamp])`.
 */
export const loyaltyStamp = defineNodeType({
  type: 'loyalty-stamp',
  version: 1,
  title: 'Loyalty stamp',
  description: 'Add a stamp to the loyalty card; every Nth coffee is free',
  category: 'Custom',
  icon: '⭐',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['every'],
    properties: {
      every: { type: 'integer', title: 'A free coffee every', minimum: 2, maximum: 50 },
      variable: { type: 'string', title: 'Card variable', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', default: 'stamps' },
    },
  },
  exits: () => [
    { id: 'stamped', label: 'Stamped' },
    { id: 'reward', label: 'Free coffee' },
  ],
  summary: (config) => `Free coffee every ${config.every} stamps`,
  variables: (config) => ({ sets: [config.variable] }),
  checks: (config) =>
    config.every > 20 ? [{ severity: 'warning', field: 'data.every', message: 'few customers collect more than 20 stamps' }] : [],
  compile: (config, ctx) => ({
    entry: [ctx.action('stamp', config)],
    always: [{ guard: ctx.guard('earned', config), target: ctx.exit('reward') }, { target: ctx.exit('stamped') }],
  }),
  actions: {
    stamp: ({ context, params }) => {
      const stamps = (Number(context.vars[params.variable]) || 0) + 1;
      const onCard = stamps % params.every || params.every;
      return { vars: { [params.variable]: stamps }, say: [{ kind: 'text', text: `⭐ Stamp ${onCard} of ${params.every} on your card.` }] };
    },
  },
  guards: {
    earned: ({ context, params }) => Number(context.vars[params.variable]) % params.every === 0,
  },
});
