import type { JsonSchema } from '../schema-checker';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const time = { type: 'string', format: 'date-time' };
const status = { enum: ['active', 'handoff', 'ended', 'expired'] };
const channelRef = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: ['whatsapp', 'web'] }, phoneNumberId: { type: 'string' }, sessionId: { type: 'string' } },
};

/** Schemas of conversations, contacts, channels, audit and errors, as OpenAPI components. */
export const recordSchemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          path: { type: 'string', description: 'The field at fault, e.g. `draft.nodes[0].id`' },
          problems: ref('Problems'),
        },
      },
    },
  },
  ConversationStatus: status,
  ConversationSummary: {
    type: 'object',
    required: ['id', 'contactId', 'flowId', 'flowVersion', 'status', 'nodeId', 'updatedAt'],
    properties: {
      id: { type: 'string' },
      contactId: { type: 'string' },
      channel: channelRef,
      flowId: { type: 'string' },
      flowVersion: { type: 'integer', description: '0 for a simulator draft' },
      status,
      nodeId: { type: 'string', description: 'The node the conversation is in' },
      startedAt: time,
      updatedAt: time,
      endedAt: time,
    },
  },
  Conversation: {
    allOf: [
      ref('ConversationSummary'),
      {
        type: 'object',
        required: ['vars', 'messages'],
        properties: {
          vars: { type: 'object', description: 'The flow variables' },
          department: { type: 'string' },
          handoffNote: { type: 'string' },
          outcome: { type: 'string' },
          lastFailure: {
            type: 'object',
            description: "The last node that left by its error exit, and why (e.g. an http node's refused or timed-out call)",
            required: ['nodeId', 'reason', 'at'],
            properties: { nodeId: { type: 'string' }, reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
          },
          messages: { type: 'array', items: ref('MessageRecord'), description: 'The transcript, oldest first' },
        },
      },
    ],
  },
  Contact: {
    type: 'object',
    required: ['id', 'channel', 'optedOut', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      attributes: ref('ContactAttributes'),
      tags: ref('ContactTags'),
      channel: channelRef,
      optedOut: { type: 'boolean' },
      optedIn: { type: 'boolean', description: 'The contact agreed to receive the business messages' },
      blocked: { type: 'boolean', description: 'The bot answers nothing and no broadcast reaches them' },
      lastInboundAt: time,
      createdAt: time,
      updatedAt: time,
    },
  },
  ContactAttributes: {
    type: 'object',
    description: 'What the business keeps about the contact beyond the name',
    maxProperties: 50,
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
    additionalProperties: { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }] },
  },
  ContactTags: {
    type: 'array',
    maxItems: 50,
    items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^,]+$' },
  },
  ContactCorrection: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description: "The contact's name; WhatsApp's profile name no longer replaces it",
      },
      attributes: { allOf: [ref('ContactAttributes')], description: 'Replaces the attributes whole' },
      tags: { allOf: [ref('ContactTags')], description: 'Replaces the tags whole' },
      blocked: { type: 'boolean', description: 'Blocked: no bot reply and no broadcast; their messages are still recorded' },
      optedIn: { type: 'boolean', description: 'Agreed to receive the business messages' },
    },
  },
  ContactExport: {
    type: 'object',
    required: ['contact', 'conversations', 'orders', 'exportedAt'],
    properties: {
      contact: {
        allOf: [ref('Contact'), { type: 'object', properties: { address: { type: 'string', description: 'Their WhatsApp number' } } }],
      },
      conversations: { type: 'array', items: ref('Conversation') },
      orders: { type: 'array', items: { type: 'object' } },
      ai: {
        type: 'object',
        description: 'What the AI remembers: the profile it kept and its conversation summaries',
        properties: {
          profile: { type: 'object', properties: { name: { type: 'string' }, preferences: { type: 'array', items: { type: 'string' } } } },
          summaries: {
            type: 'array',
            items: { type: 'object', properties: { conversationId: { type: 'string' }, summary: { type: 'string' } } },
          },
        },
      },
      exportedAt: time,
    },
  },
  Channel: {
    type: 'object',
    required: ['id', 'phoneNumberId', 'hasAppSecret', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' },
      phoneNumberId: { type: 'string' },
      flowId: { type: 'string' },
      wabaId: { type: 'string' },
      hasAppSecret: { type: 'boolean', description: 'Secrets are never returned' },
      createdAt: time,
      updatedAt: time,
    },
  },
  ChannelInput: {
    type: 'object',
    required: ['phoneNumberId', 'accessToken'],
    additionalProperties: false,
    properties: {
      phoneNumberId: { type: 'string', pattern: '^[0-9]{1,32}$' },
      accessToken: { type: 'string', minLength: 10, maxLength: 4096, writeOnly: true },
      appSecret: { type: 'string', minLength: 10, maxLength: 256, writeOnly: true },
      flowId: { type: 'string', minLength: 1 },
      wabaId: { type: 'string', pattern: '^[0-9]{1,32}$', description: 'The WhatsApp Business Account: where templates are synced from' },
    },
  },
  ChannelUpdate: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      accessToken: { type: 'string', minLength: 10, maxLength: 4096, writeOnly: true },
      appSecret: { type: ['string', 'null'], minLength: 10, maxLength: 256, writeOnly: true, description: 'null removes it' },
      flowId: { type: ['string', 'null'], minLength: 1, description: 'null runs the default flow' },
      wabaId: { type: ['string', 'null'], pattern: '^[0-9]{1,32}$' },
    },
  },
  AuditEvent: {
    type: 'object',
    required: ['id', 'type', 'at', 'details'],
    properties: {
      id: { type: 'string' },
      type: { type: 'string', description: 'e.g. `flow.publish`, `flow.import`, `flow.delete`, `channel.create`, `contact.delete`' },
      at: time,
      details: { type: 'object' },
    },
  },
};
