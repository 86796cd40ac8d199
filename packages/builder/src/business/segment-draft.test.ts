import { expect, it } from 'vitest';
import { draftOf, EMPTY_SEGMENT, rulesOf } from './segment-draft';

it('reads tags, attributes, days and opt-in from the form, and back', () => {
  const draft = {
    ...EMPTY_SEGMENT,
    name: 'VIPs',
    allTags: 'vip, vip',
    noneTags: 'churned',
    attributes: 'tier = gold | silver\ncity=Berlin',
    withinDays: '30',
    optedIn: 'yes' as const,
  };
  const read = rulesOf(draft);
  expect(read).toEqual({
    rules: {
      tags: { all: ['vip'], none: ['churned'] },
      attributes: { tier: ['gold', 'silver'], city: 'Berlin' },
      withinDays: 30,
      optedIn: true,
    },
  });
  if ('rules' in read) expect(rulesOf(draftOf({ id: 's', name: 'VIPs', rules: read.rules }))).toEqual(read);
});

it('says what is wrong with an attribute line or a day count', () => {
  expect(rulesOf({ ...EMPTY_SEGMENT, attributes: 'no equals sign' })).toEqual({ error: expect.stringContaining('attribute = value') });
  expect(rulesOf({ ...EMPTY_SEGMENT, withinDays: '1.5' })).toEqual({ error: expect.stringContaining('whole number') });
});
