import type { AiTool, AiToolName } from '../../runtime/ports';

/** Every tool an AI node can offer, in the order the config form lists them. */
export const AI_TOOL_NAMES = [
  'search_catalog',
  'add_to_cart',
  'handoff',
  'set_variable',
  'finish',
] as const satisfies readonly AiToolName[];

export interface ToolChoices {
  tools: readonly AiToolName[];
  outcomes: readonly { id: string; label: string; description?: string }[];
  variables: readonly { name: string; description?: string }[];
}

/** Each tool's meaning for the model and its input schema, narrowed to the node's config. */
const definitions: Record<AiToolName, (choices: ToolChoices) => Omit<AiTool, 'name'>> = {
  search_catalog: () => ({
    description: 'Search the product catalog. Returns matching products with their id, price, currency, stock and variants.',
    inputSchema: object(
      {
        query: { type: 'string', description: 'What the customer is looking for, in their words' },
        category: { type: 'string', description: 'Only this category, if the customer named one' },
      },
      ['query'],
    ),
  }),
  add_to_cart: () => ({
    description: "Add a product to the customer's cart, by the id search_catalog returned. Returns the cart with its total.",
    inputSchema: object(
      {
        productId: { type: 'string' },
        quantity: { type: 'integer', minimum: 1, maximum: 100 },
        variantId: { type: 'string', description: 'Required when the product has variants' },
      },
      ['productId', 'quantity'],
    ),
  }),
  handoff: () => ({
    description:
      'Hand the conversation to a human agent. Use it when the customer asks for a person or you cannot help; the conversation leaves you.',
    inputSchema: object({ note: { type: 'string', description: 'For the agent: who the customer is and what they need' } }, ['note']),
  }),
  set_variable: ({ variables }) => ({
    description: `Remember something the customer told you, for the rest of the conversation. Variables: ${variables
      .map((v) => (v.description ? `${v.name} (${v.description})` : v.name))
      .join('; ')}.`,
    inputSchema: object({ name: { enum: variables.map((v) => v.name) }, value: { type: ['string', 'number', 'boolean'] } }, [
      'name',
      'value',
    ]),
  }),
  finish: ({ outcomes }) => ({
    description: `End your part of the conversation with an outcome, once the customer is done; say goodbye in your text first. Outcomes: ${outcomes
      .map((o) => `${o.id}: ${o.description ?? o.label}`)
      .join('; ')}.`,
    inputSchema: object({ outcome: { enum: outcomes.map((o) => o.id) } }, ['outcome']),
  }),
};

/** The tool definitions an AI node offers the model. */
export function aiTools(choices: ToolChoices): AiTool[] {
  return choices.tools.map((name) => ({ name, ...definitions[name](choices) }));
}

function object(properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', properties, required, additionalProperties: false };
}
