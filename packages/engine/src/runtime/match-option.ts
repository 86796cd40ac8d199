import type { MenuOption } from './outbound-message';
import type { UserMessage } from './user-message';

/** Lowercase, trimmed, accents removed: "  Café " and "cafe" compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();
}

/**
 * The option a user message chooses: a button or list reply by id, or free text matching an
 * option's label (case- and accent-insensitive) or its number ("2" chooses the second).
 */
export function matchOption(message: UserMessage, options: readonly MenuOption[]): MenuOption | undefined {
  if (message.kind === 'choice') return options.find((o) => o.id === message.id);
  if (message.kind !== 'text') return undefined;
  const text = normalizeText(message.text);
  if (/^\d+$/.test(text)) return options[Number(text) - 1];
  return options.find((o) => normalizeText(o.label) === text);
}
