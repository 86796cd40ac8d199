import type { HistoryEntry } from '../../runtime/conversation-context';
import type { AiMedia, AiMessage } from '../../runtime/ports';

/** Digits with the separators people type in phone numbers, `+55 (11) 98765-4321` and the like. */
const phoneLike = /\+?\(?\d[\d\s().-]*\d/g;

/**
 * Text with phone numbers replaced by `[phone]`, so none reaches a model vendor. A run of digits
 * counts as a phone number from 9 digits, or from 7 after a `+`; dates and prices stay.
 */
export function maskPhones(text: string): string {
  return text.replace(phoneLike, (match) => {
    const digits = match.replace(/\D/g, '').length;
    return digits >= 9 || (match.startsWith('+') && digits >= 7) ? '[phone]' : match;
  });
}

/**
 * The last `window` messages of a conversation as the model reads them: phone numbers masked,
 * consecutive messages of one side merged (a greeting then a menu), starting with the customer,
 * as model APIs that need alternating turns require.
 */
export function aiMessages(history: readonly HistoryEntry[], window: number): AiMessage[] {
  const messages: { role: 'user' | 'assistant'; text: string; media?: AiMedia[] }[] = [];
  for (const entry of history.slice(-window)) {
    const text = maskPhones(entry.text);
    const media = entry.media ? [{ ...entry.media, ...(entry.media.caption ? { caption: maskPhones(entry.media.caption) } : {}) }] : [];
    const previous = messages.at(-1);
    if (previous?.role === entry.role) {
      previous.text = `${previous.text}\n\n${text}`;
      if (media.length) previous.media = [...(previous.media ?? []), ...media];
    } else if (messages.length > 0 || entry.role === 'user') messages.push({ role: entry.role, text, ...(media.length ? { media } : {}) });
  }
  return messages;
}
