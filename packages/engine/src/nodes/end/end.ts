import { defineNodeType } from '../../define-node-type';

/** Ends the conversation, optionally with a goodbye and an outcome for reports. */
export const end = defineNodeType({
  type: 'end',
  version: 1,
  title: 'End',
  description: 'End the conversation',
  category: 'Logic',
  icon: '🏁',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      text: { type: 'string', title: 'Goodbye message', 'x-widget': 'textarea' },
      outcome: { type: 'string', title: 'Outcome', description: 'A label for reports, e.g. "resolved"' },
    },
  },
  exits: () => [],
  summary: (config) => config.text ?? config.outcome ?? 'End',
  compile: (config, ctx) => ({
    type: 'final',
    entry: [
      ...(config.text ? [ctx.say({ kind: 'text', text: config.text })] : []),
      ctx.effect({ type: 'conversation.end', ...(config.outcome ? { outcome: config.outcome } : {}) }),
    ],
  }),
});
