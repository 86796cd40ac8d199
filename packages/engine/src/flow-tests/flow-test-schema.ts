/**
 * The JSON Schema of a flow's `tests`: each test is a script of steps the customer takes (`say`,
 * `choose`, `media`, `fireTimer`) and checks of what the bot did (`expect`, `expectNode`,
 * `expectVariable`). `recorded` holds the answers AI and HTTP nodes get while the test runs, so a
 * test never calls a model or a service and always gives the same result.
 */
const text = { type: 'string', minLength: 1, maxLength: 4096 } as const;

const recordedAiAnswer = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string' },
    toolCalls: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'input'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, name: { type: 'string' }, input: { type: 'object' } },
      },
    },
  },
} as const;

const recordedHttpAnswer = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { type: 'integer', minimum: 100, maximum: 599 },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: {},
  },
} as const;

export const flowTestsSchema = {
  type: 'array',
  maxItems: 100,
  items: {
    type: 'object',
    required: ['name', 'steps'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      /** The contact the test talks as, for {{contact.name}} (default "Guest"). */
      contact: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 200 } } },
      steps: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: {
          anyOf: [
            { type: 'object', required: ['say'], additionalProperties: false, properties: { say: text } },
            {
              type: 'object',
              required: ['choose'],
              additionalProperties: false,
              properties: { choose: { type: 'string', minLength: 1, maxLength: 200 } },
            },
            {
              type: 'object',
              required: ['media'],
              additionalProperties: false,
              properties: {
                media: {
                  type: 'object',
                  required: ['type'],
                  additionalProperties: false,
                  properties: { type: { enum: ['image', 'audio', 'video', 'document', 'sticker'] }, caption: { type: 'string' } },
                },
              },
            },
            { type: 'object', required: ['fireTimer'], additionalProperties: false, properties: { fireTimer: { const: true } } },
            { type: 'object', required: ['expect'], additionalProperties: false, properties: { expect: text } },
            {
              type: 'object',
              required: ['expectNode'],
              additionalProperties: false,
              properties: { expectNode: { type: 'string', minLength: 1, maxLength: 100 } },
            },
            {
              type: 'object',
              required: ['expectVariable'],
              additionalProperties: false,
              properties: {
                expectVariable: {
                  type: 'object',
                  required: ['name', 'value'],
                  additionalProperties: false,
                  properties: { name: { type: 'string', minLength: 1 }, value: {} },
                },
              },
            },
          ],
        },
      },
      recorded: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ai: { type: 'array', items: recordedAiAnswer },
          http: { type: 'array', items: recordedHttpAnswer },
        },
      },
    },
  },
} as const;
