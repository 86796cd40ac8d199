import type { JsonSchema } from '../api/schema-checker';
import { segmentRulesSchema } from './segment-rules';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const time = { type: 'string', format: 'date-time' };
const segmentName = { type: 'string', minLength: 1, maxLength: 100 };

/** The schemas of segments, the contact import and flows started from outside. */
export const contactSchemas: Record<string, JsonSchema> = {
  SegmentRules: segmentRulesSchema,
  Segment: {
    type: 'object',
    required: ['id', 'name', 'rules', 'createdAt', 'updatedAt'],
    properties: { id: { type: 'string' }, name: segmentName, rules: ref('SegmentRules'), createdAt: time, updatedAt: time },
  },
  SegmentInput: {
    type: 'object',
    required: ['name', 'rules'],
    additionalProperties: false,
    properties: { name: segmentName, rules: ref('SegmentRules') },
  },
  SegmentPreview: { type: 'object', required: ['rules'], additionalProperties: false, properties: { rules: ref('SegmentRules') } },
  SegmentContacts: {
    type: 'object',
    required: ['count', 'contacts'],
    properties: { count: { type: 'integer', minimum: 0 }, contacts: { type: 'array', items: ref('Contact') } },
  },
  ContactImportInput: {
    type: 'object',
    required: ['csv'],
    additionalProperties: false,
    properties: {
      csv: {
        type: 'string',
        description:
          'The CSV as text, header first: phone (required), name, tags (separated by ; or |), opt_in (true/false, yes/no, 1/0); any other column is an attribute',
      },
      phoneNumberId: { type: 'string', pattern: '^[0-9]{1,32}$', description: 'The business number new contacts belong to' },
    },
  },
  ContactImportResult: {
    type: 'object',
    required: ['created', 'updated', 'errors'],
    properties: {
      created: { type: 'integer', minimum: 0 },
      updated: { type: 'integer', minimum: 0 },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['row', 'column', 'message'],
          properties: {
            row: { type: 'integer', description: 'As a spreadsheet numbers it: the header is row 1' },
            column: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
    },
  },
  FlowStartInput: {
    type: 'object',
    required: ['to'],
    additionalProperties: false,
    properties: {
      to: { type: 'string', maxLength: 40, description: 'The number in international form, e.g. +15551234567' },
      variables: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
        additionalProperties: { anyOf: [{ type: 'string', maxLength: 1000 }, { type: 'number' }, { type: 'boolean' }] },
        description: "The flow's variables at its start",
      },
      template: {
        type: 'object',
        required: ['name', 'language'],
        additionalProperties: false,
        description:
          "Opens the conversation outside the 24-hour window (else the flow's outside-window template); params may hold {{variables}}",
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9_]{1,512}$' },
          language: { type: 'string', pattern: '^[a-z]{2,3}(_[A-Z]{2})?$' },
          params: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 1000 } },
        },
      },
      phoneNumberId: {
        type: 'string',
        pattern: '^[0-9]{1,32}$',
        description: 'The business number to send from (by default the one they last wrote to, or the one running the flow)',
      },
    },
  },
  FlowStart: {
    type: 'object',
    required: ['id', 'flowId', 'version', 'phoneNumberId', 'opensWith', 'createdAt'],
    properties: {
      id: { type: 'string' },
      flowId: { type: 'string' },
      version: { type: 'integer' },
      phoneNumberId: { type: 'string' },
      opensWith: { type: 'string', enum: ['flow', 'template'], description: "The flow's own messages (inside the window) or the template" },
      template: { type: 'object', properties: { name: { type: 'string' }, language: { type: 'string' } } },
      createdAt: time,
    },
  },
};
