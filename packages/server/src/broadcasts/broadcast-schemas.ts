import type { JsonSchema } from '../api/schema-checker';

const count = { type: 'integer', minimum: 0 };
const param = { type: 'string', minLength: 1, maxLength: 1024 };
const audience: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    tags: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      description: 'Contacts with any of these tags',
    },
    segment: { type: 'string', minLength: 1, maxLength: 200, description: 'The id of a saved segment; with tags, both hold' },
  },
};

/** The broadcasts API's schemas. */
export const broadcastSchemas: Record<string, JsonSchema> = {
  BroadcastInput: {
    type: 'object',
    required: ['name', 'template', 'audience'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      template: {
        type: 'object',
        required: ['name', 'language'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9_]{1,512}$' },
          language: { type: 'string', pattern: '^[a-z]{2,3}(_[A-Z]{2})?$' },
          params: {
            description:
              "The body's parameters: in order for `{{1}}`…, by name for a template with named ones; `{{contact.name}}` and `{{attribute}}` are filled in per recipient",
            oneOf: [
              { type: 'array', maxItems: 100, items: param },
              { type: 'object', maxProperties: 100, propertyNames: { pattern: '^[a-z0-9_]{1,100}$' }, additionalProperties: param },
            ],
          },
        },
      },
      audience,
      flowId: { type: 'string', minLength: 1, maxLength: 200, description: 'The flow a reply to the broadcast starts or continues' },
      startAt: { type: 'string', format: 'date-time', description: 'When sending starts; now when absent' },
      ratePerSecond: { type: 'integer', minimum: 1, maximum: 1000, default: 80, description: 'Messages per second per business number' },
    },
  },
  BroadcastAudience: audience,
  AudienceSize: {
    type: 'object',
    required: ['contacts', 'reachable'],
    properties: {
      contacts: { ...count, description: 'Contacts in the audience' },
      reachable: { ...count, description: 'Of them, opted in, not blocked and not opted out now' },
    },
  },
  BroadcastCounts: {
    type: 'object',
    required: ['queued', 'sent', 'delivered', 'read', 'failed', 'skipped', 'replied'],
    description: 'Recipients by outcome: `sent` includes the delivered and read ones, `delivered` the read ones',
    properties: { queued: count, sent: count, delivered: count, read: count, failed: count, skipped: count, replied: count },
  },
  Broadcast: {
    type: 'object',
    required: ['id', 'name', 'template', 'audience', 'status', 'ratePerSecond', 'startAt', 'createdAt'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      template: { type: 'object' },
      audience: { type: 'object' },
      flowId: { type: 'string' },
      status: { enum: ['scheduled', 'sending', 'done', 'cancelled'] },
      ratePerSecond: { type: 'integer' },
      startAt: { type: 'string', format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      finishedAt: { type: 'string', format: 'date-time' },
      counts: { $ref: '#/components/schemas/BroadcastCounts' },
    },
  },
  BroadcastRecipient: {
    type: 'object',
    required: ['contactId', 'status'],
    properties: {
      contactId: { type: 'string' },
      name: { type: 'string', description: 'The name the message was sent with' },
      status: { enum: ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped'] },
      error: { type: 'object', properties: { code: { type: 'integer' }, reason: { type: 'string' } } },
      sentAt: { type: 'string', format: 'date-time' },
      repliedAt: { type: 'string', format: 'date-time' },
    },
  },
};
