import { defaultRegistry, defineNodeType } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { paletteGroups } from './palette-groups';

const greet = defineNodeType({
  type: 'greet',
  version: 1,
  title: 'Greet',
  description: 'Says hello to a zebra',
  category: 'Custom',
  icon: '👋',
  configSchema: { type: 'object', properties: { name: { type: 'string' } } },
  exits: () => [{ id: 'next', label: 'Next' }],
  compile: (_config, ctx) => ({ always: { target: ctx.exit('next') } }),
});

const titles = (groups: ReturnType<typeof paletteGroups>) => groups.map((g) => [g.category, g.types.map((t) => t.title)]);

describe('paletteGroups', () => {
  it('groups every registered type by category, custom types included', () => {
    const groups = paletteGroups(defaultRegistry.extend([greet]));
    expect(groups.map((g) => g.category)).toEqual([...new Set(groups.map((g) => g.category))]);
    expect(titles(groups).at(-1)).toEqual(['Custom', ['Greet']]);
    expect(groups.flatMap((g) => g.types).length).toBe(defaultRegistry.list().length + 1);
  });

  it('keeps the types whose title or description matches the search', () => {
    expect(titles(paletteGroups(defaultRegistry.extend([greet]), 'ZEBRA'))).toEqual([['Custom', ['Greet']]]);
    const buttons = paletteGroups(defaultRegistry, 'buttons').flatMap((g) => g.types);
    expect(buttons.map((t) => t.type)).toContain('menu');
    expect(buttons.every((t) => `${t.title} ${t.description} ${t.type} ${t.category}`.toLowerCase().includes('buttons'))).toBe(true);
  });
});
