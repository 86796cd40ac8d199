import { describe, expect, it } from 'vitest';
import { interpolate, lookup } from './template';

const context = { contact: { id: 'c1', name: 'Ana' }, vars: { order: { total: 12.5, items: ['tea'] }, city: 'Porto' } };

describe('templates', () => {
  it('fills variables, contact fields and dotted paths; unknown ones become empty', () => {
    expect(interpolate('Hi {{contact.name}} from {{ city }}: {{order.total}} {{order.items}} {{nothing}}.', context)).toBe(
      'Hi Ana from Porto: 12.5 ["tea"] .',
    );
  });

  it('never reads JavaScript prototype properties as variables', () => {
    expect(lookup(context, 'constructor')).toBeUndefined();
    expect(lookup(context, 'order.constructor')).toBeUndefined();
    expect(lookup(context, 'contact.toString')).toBeUndefined();
    expect(interpolate('[{{constructor}}{{city.length}}{{__proto__}}]', context)).toBe('[]');
  });
});
