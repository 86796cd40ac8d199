import type { Segment, SegmentRules } from '../api/contacts-api';

/** A segment as its form holds it: lists typed as text. */
export interface SegmentDraft {
  name: string;
  allTags: string;
  anyTags: string;
  noneTags: string;
  /** One `attribute = value` a line; `value | value` for any of several. */
  attributes: string;
  withinDays: string;
  /** `yyyy-mm-dd` from a date input. */
  lastContactAfter: string;
  lastContactBefore: string;
  optedIn: 'any' | 'yes' | 'no';
}

export const EMPTY_SEGMENT: SegmentDraft = {
  name: '',
  allTags: '',
  anyTags: '',
  noneTags: '',
  attributes: '',
  withinDays: '',
  lastContactAfter: '',
  lastContactBefore: '',
  optedIn: 'any',
};

const list = (text: string) => [
  ...new Set(
    text
      .split(/[,;|\n]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/**
 * The rules a draft says, or what is wrong with it.
 *
 * @example
 * rulesOf({ ...EMPTY_SEGMENT, anyTags: 'vip, de', attributes: 'tier = gold | silver' });
 * // { rules: { tags: { any: ['vip', 'de'] }, attributes: { tier: ['gold', 'silver'] } } }
 */
export function rulesOf(draft: SegmentDraft): { rules: SegmentRules } | { error: string } {
  const rules: SegmentRules = {};
  const tags = { all: list(draft.allTags), any: list(draft.anyTags), none: list(draft.noneTags) };
  const given = Object.fromEntries(Object.entries(tags).filter(([, v]) => v.length > 0));
  if (Object.keys(given).length > 0) rules.tags = given;
  const attributes: Record<string, string | string[]> = {};
  for (const line of draft.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    const name = line.slice(0, at).trim();
    if (at < 0 || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return { error: `"${line}" is not attribute = value` };
    const values = line
      .slice(at + 1)
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) return { error: `attribute ${name} needs a value` };
    attributes[name] = values.length === 1 ? (values[0] as string) : values;
  }
  if (Object.keys(attributes).length > 0) rules.attributes = attributes;
  if (draft.withinDays.trim()) {
    const days = Number(draft.withinDays);
    if (!Number.isInteger(days) || days < 1) return { error: 'days must be a whole number, 1 or more' };
    rules.withinDays = days;
  }
  if (draft.lastContactAfter) rules.lastContactAfter = new Date(`${draft.lastContactAfter}T00:00:00`).toISOString();
  if (draft.lastContactBefore) rules.lastContactBefore = new Date(`${draft.lastContactBefore}T00:00:00`).toISOString();
  if (draft.optedIn !== 'any') rules.optedIn = draft.optedIn === 'yes';
  return { rules };
}

/** The form of a saved segment. */
export function draftOf(segment: Segment): SegmentDraft {
  const { rules } = segment;
  const day = (iso: string | undefined) => {
    if (!iso) return '';
    const d = new Date(iso);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  return {
    name: segment.name,
    allTags: (rules.tags?.all ?? []).join(', '),
    anyTags: (rules.tags?.any ?? []).join(', '),
    noneTags: (rules.tags?.none ?? []).join(', '),
    attributes: Object.entries(rules.attributes ?? {})
      .map(([name, value]) => `${name} = ${Array.isArray(value) ? value.join(' | ') : value}`)
      .join('\n'),
    withinDays: rules.withinDays ? String(rules.withinDays) : '',
    lastContactAfter: day(rules.lastContactAfter),
    lastContactBefore: day(rules.lastContactBefore),
    optedIn: rules.optedIn === undefined ? 'any' : rules.optedIn ? 'yes' : 'no',
  };
}
