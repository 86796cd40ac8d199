import type { JsonSchema } from '../schema-checker';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const kind = (value: string) => ({ kind: { const: value } });
const mediaType = (types: string[]) => ({ enum: types });

/** Schemas of the messages both ways, as OpenAPI components (the engine's UserMessage and OutboundMessage). */
export const messageSchemas: Record<string, JsonSchema> = {
  UserMessage: {
    description: 'A customer message, normalised from any channel',
    type: 'object',
    required: ['kind'],
    discriminator: { propertyName: 'kind' },
    oneOf: [
      {
        type: 'object',
        required: ['kind', 'text'],
        additionalProperties: false,
        properties: { ...kind('text'), text: { type: 'string', minLength: 1, maxLength: 4096 } },
      },
      {
        type: 'object',
        required: ['kind', 'id'],
        additionalProperties: false,
        properties: { ...kind('choice'), id: { type: 'string', minLength: 1 }, title: { type: 'string' } },
      },
      {
        type: 'object',
        required: ['kind', 'mediaType'],
        additionalProperties: false,
        properties: {
          ...kind('media'),
          mediaType: mediaType(['image', 'document', 'audio', 'video', 'sticker']),
          id: { type: 'string' },
          url: { type: 'string' },
          mimeType: { type: 'string' },
          caption: { type: 'string' },
          filename: { type: 'string' },
          file: { ...ref('MediaFile'), description: 'The stored file, once the server downloaded it (set by the server only)' },
          error: { type: 'string', description: 'Why the server could not get the file (set by the server only)' },
        },
      },
      {
        type: 'object',
        required: ['kind', 'latitude', 'longitude'],
        additionalProperties: false,
        properties: {
          ...kind('location'),
          latitude: { type: 'number', minimum: -90, maximum: 90 },
          longitude: { type: 'number', minimum: -180, maximum: 180 },
          name: { type: 'string' },
          address: { type: 'string' },
        },
      },
      {
        type: 'object',
        required: ['kind', 'items'],
        additionalProperties: false,
        properties: {
          ...kind('order'),
          catalogId: { type: 'string' },
          text: { type: 'string' },
          items: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['productId', 'quantity'],
              additionalProperties: false,
              properties: {
                productId: { type: 'string', minLength: 1 },
                quantity: { type: 'integer', minimum: 1 },
                price: { type: 'number' },
                currency: { type: 'string' },
              },
            },
          },
        },
      },
      {
        type: 'object',
        required: ['kind', 'contacts'],
        additionalProperties: false,
        properties: {
          ...kind('contacts'),
          contacts: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['name', 'phones'],
              properties: { name: { type: 'string' }, phones: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
  MediaFile: {
    description: 'A stored file: `url` is a signed link on this server that expires',
    type: 'object',
    required: ['id', 'mimeType', 'size', 'sha256', 'url'],
    properties: {
      id: { type: 'string' },
      mimeType: { type: 'string' },
      size: { type: 'integer', minimum: 0 },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      url: { type: 'string' },
      filename: { type: 'string' },
    },
  },
  OutboundMessage: {
    description: 'A bot message, channel-neutral (text, media, menu, template, location)',
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { enum: ['text', 'media', 'menu', 'template', 'location'] },
      text: { type: 'string' },
      options: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } },
      name: { type: 'string', description: "A template's name" },
      language: { type: 'string', description: "A template's language, e.g. en_US" },
      params: { type: 'array', items: { type: 'string' }, description: "A template body's positional parameters, filled" },
      namedParams: { type: 'object', additionalProperties: { type: 'string' }, description: "A template body's named parameters, filled" },
      header: { type: 'object', description: "A template's header: `{ type: 'text', text }` or its media (`url`, `mediaId` or `file`)" },
      buttons: {
        type: 'array',
        description: "A template's button parameters: a quick reply's `payload` or a URL button's suffix `text`, by `index`",
        items: {
          type: 'object',
          required: ['index', 'type'],
          properties: { index: { type: 'integer' }, type: { enum: ['quick_reply', 'url'] } },
        },
      },
    },
  },
  MessageRecord: {
    type: 'object',
    required: ['id', 'direction', 'status', 'message', 'createdAt'],
    properties: {
      id: { type: 'string' },
      direction: { enum: ['in', 'out'] },
      status: { enum: ['received', 'processed', 'pending', 'sent', 'delivered', 'read', 'failed', 'skipped'] },
      // A customer's text is also a valid bot text, so `direction` decides which it is, not `oneOf`.
      message: {
        anyOf: [ref('UserMessage'), ref('OutboundMessage')],
        description: 'A UserMessage when `in`, an OutboundMessage when `out`',
      },
      nodeId: { type: 'string' },
      error: { type: 'object', properties: { code: { type: 'integer' }, reason: { type: 'string' } } },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
    if: { properties: { direction: { const: 'in' } } },
    then: { properties: { message: ref('UserMessage') } },
    else: { properties: { message: ref('OutboundMessage') } },
  },
  SimulatorMessageBody: {
    type: 'object',
    required: ['message'],
    additionalProperties: false,
    properties: { message: ref('UserMessage') },
  },
  SimulatorStartBody: {
    type: 'object',
    required: ['document'],
    additionalProperties: false,
    properties: { document: ref('FlowDocument'), contactName: { type: 'string', maxLength: 100 } },
  },
  SimulatorRestartBody: {
    type: 'object',
    additionalProperties: false,
    properties: { document: ref('FlowDocument') },
  },
  SimulatorSession: {
    type: 'object',
    required: ['sessionId', 'contactName'],
    properties: {
      sessionId: { type: 'string' },
      contactName: { type: 'string', description: 'The visitor the flow talks to, for {{contact.name}}' },
    },
  },
};
