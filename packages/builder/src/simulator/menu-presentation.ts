import type { OutboundMessage } from '@chatflow/engine';

type Menu = Extract<OutboundMessage, { kind: 'menu' }>;

/** How WhatsApp shows a menu: reply buttons (up to 3), a list (up to 10 rows), else numbered text. */
export type MenuPresentation = 'buttons' | 'list' | 'text';

const BUTTONS_MAX = 3;
const LIST_ROWS_MAX = 10;

/** The presentation the WhatsApp channel picks for a menu, `auto` resolved by option count. */
export function menuPresentation(menu: Menu): MenuPresentation {
  const count = menu.options.length;
  if (menu.style === 'buttons' && count <= BUTTONS_MAX) return 'buttons';
  if (menu.style === 'list' && count <= LIST_ROWS_MAX) return 'list';
  if (menu.style === 'auto' && count <= BUTTONS_MAX) return 'buttons';
  if (menu.style === 'auto' && count <= LIST_ROWS_MAX) return 'list';
  if (menu.style === 'buttons' && count <= LIST_ROWS_MAX) return 'list';
  return 'text';
}

/** The body of a menu sent as numbered text: the question, then `1. Sales` per line. */
export function numberedMenuText(menu: Menu): string {
  return [menu.text, ...menu.options.map((option, i) => `${i + 1}. ${option.label}`)].join('\n');
}
