import type { Filter } from '../ports/document-store';
import type { ContactRecord } from '../records/contact-repository';

type AttributeValue = string | number | boolean;

/** Who belongs to a segment; every rule given must hold (an empty rule set is every WhatsApp contact). */
export interface SegmentRules {
  /** `all` of these tags, `any` of these, `none` of these. */
  tags?: { all?: string[]; any?: string[]; none?: string[] };
  /** Attribute equal to the value, or to one of the values of a list. */
  attributes?: Record<string, AttributeValue | AttributeValue[]>;
  /** Their last message came before this time (ISO); contacts who never wrote have no last contact. */
  lastContactBefore?: string;
  /** Their last message came at or after this time (ISO). */
  lastContactAfter?: string;
  /** Their last message came within this many days. */
  withinDays?: number;
  /** Agreed (true) or did not agree (false) to receive the business messages. */
  optedIn?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The rules as a document-store filter (the part the store can answer with its indexes: the
 * workspace, one tag, the last-contact range, opt-in, attribute equality) plus a test for the
 * rest (further tags), which the store's filter subset cannot say.
 */
export function compileRules(
  workspaceId: string,
  rules: SegmentRules,
  now: number,
): { filter: Filter; matches: (contact: ContactRecord) => boolean } {
  const filter: Filter = { workspaceId, 'channel.kind': 'whatsapp' };
  const { all = [], any = [], none = [] } = rules.tags ?? {};
  // An array field equals a value when one of its elements does: one tag narrows the scan.
  const storeTag = all[0] ?? (any.length === 1 ? any[0] : undefined);
  if (storeTag !== undefined) filter.tags = storeTag;
  const range: Record<string, number> = {};
  if (rules.lastContactBefore !== undefined) range.$lt = Date.parse(rules.lastContactBefore);
  const after = [
    rules.lastContactAfter !== undefined ? Date.parse(rules.lastContactAfter) : undefined,
    rules.withinDays !== undefined ? now - rules.withinDays * DAY_MS : undefined,
  ].filter((t): t is number => t !== undefined);
  if (after.length > 0) range.$gte = Math.max(...after);
  if (Object.keys(range).length > 0) filter.lastInboundAt = range;
  if (rules.optedIn === true) filter.optedIn = true;
  if (rules.optedIn === false) filter.optedIn = { $ne: true };
  for (const [name, value] of Object.entries(rules.attributes ?? {})) {
    filter[`attributes.${name}`] = Array.isArray(value) ? { $in: value } : value;
  }
  const matches = (contact: ContactRecord) => {
    const tags = new Set(contact.tags ?? []);
    return (
      all.every((tag) => tags.has(tag)) && (any.length === 0 || any.some((tag) => tags.has(tag))) && !none.some((tag) => tags.has(tag))
    );
  };
  return { filter, matches };
}

const tagList = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^,]+$' } };
const attributeValue = { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }] };

/** The JSON Schema of `SegmentRules`, for the API. */
export const segmentRulesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tags: {
      type: 'object',
      additionalProperties: false,
      properties: { all: tagList, any: tagList, none: tagList },
      description: 'Contacts with all of `all`, at least one of `any`, none of `none`',
    },
    attributes: {
      type: 'object',
      maxProperties: 20,
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
      additionalProperties: { anyOf: [attributeValue, { type: 'array', minItems: 1, maxItems: 50, items: attributeValue }] },
      description: 'Attribute equal to the value, or to one of a list of values',
    },
    lastContactBefore: { type: 'string', format: 'date-time', description: 'Their last message came before this time' },
    lastContactAfter: { type: 'string', format: 'date-time', description: 'Their last message came at or after this time' },
    withinDays: { type: 'integer', minimum: 1, maximum: 3650, description: 'Their last message came within this many days' },
    optedIn: { type: 'boolean', description: 'Agreed (true) or not (false) to receive the business messages' },
  },
};
