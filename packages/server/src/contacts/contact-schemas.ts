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
};
