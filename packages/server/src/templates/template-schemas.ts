import type { JsonSchema } from '../api/schema-checker';

const component = { type: 'object', description: 'A HEADER, BODY, FOOTER or BUTTONS component, as Meta shapes it' };

/** The templates API's schemas. */
export const templateSchemas: Record<string, JsonSchema> = {
  Template: {
    type: 'object',
    required: ['wabaId', 'id', 'name', 'language', 'status', 'category', 'components', 'updatedAt'],
    properties: {
      wabaId: { type: 'string' },
      id: { type: 'string', description: "Meta's template id" },
      name: { type: 'string' },
      language: { type: 'string' },
      status: { type: 'string', description: 'APPROVED, PENDING, REJECTED, PAUSED, DISABLED …' },
      category: { type: 'string' },
      components: { type: 'array', items: component },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  TemplateSync: { type: 'object', required: ['synced'], properties: { synced: { type: 'integer', minimum: 0 } } },
  TemplateInput: {
    type: 'object',
    required: ['name', 'language', 'category', 'components'],
    additionalProperties: false,
    properties: {
      wabaId: { type: 'string', pattern: '^[0-9]{1,32}$' },
      name: { type: 'string', pattern: '^[a-z0-9_]{1,512}$' },
      language: { type: 'string', pattern: '^[a-z]{2,3}(_[A-Z]{2})?$' },
      category: { type: 'string', enum: ['MARKETING', 'UTILITY', 'AUTHENTICATION'] },
      components: { type: 'array', minItems: 1, maxItems: 10, items: component },
    },
  },
};
