import type { OutboundMessage } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { menuPresentation, numberedMenuText } from './menu-presentation';

const menu = (count: number, style: 'auto' | 'buttons' | 'list' = 'auto'): Extract<OutboundMessage, { kind: 'menu' }> => ({
  kind: 'menu',
  text: 'Pick',
  style,
  options: Array.from({ length: count }, (_, i) => ({ id: `o${i}`, label: `Option ${i + 1}` })),
});

describe('menuPresentation', () => {
  it('shows up to three options as buttons, up to ten as a list, more as numbered text', () => {
    expect([menuPresentation(menu(3)), menuPresentation(menu(4)), menuPresentation(menu(11))]).toEqual(['buttons', 'list', 'text']);
  });

  it('keeps the chosen style while WhatsApp allows it', () => {
    expect(menuPresentation(menu(2, 'list'))).toBe('list');
    expect(menuPresentation(menu(11, 'list'))).toBe('text');
  });

  it('numbers the options of a text menu', () => {
    expect(numberedMenuText(menu(2))).toBe('Pick\n1. Option 1\n2. Option 2');
  });
});
