import { type FlowDocument, normalizeText, type UserMessage } from '@chatflow/engine';

export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP'];
export const DEFAULT_OPT_IN_KEYWORDS = ['START'];

/** What a customer message says about their subscription to bot messages, if anything. */
export type OptKeyword = 'opt-out' | 'opt-in' | undefined;

/** Whether a message is exactly one of the flow's opt-out or opt-in keywords (case- and accent-insensitive). */
export function optKeyword(message: UserMessage, settings: FlowDocument['settings']): OptKeyword {
  if (message.kind !== 'text') return undefined;
  const text = normalizeText(message.text);
  if ((settings?.optOutKeywords ?? DEFAULT_OPT_OUT_KEYWORDS).some((k) => normalizeText(k) === text)) return 'opt-out';
  if ((settings?.optInKeywords ?? DEFAULT_OPT_IN_KEYWORDS).some((k) => normalizeText(k) === text)) return 'opt-in';
  return undefined;
}

/** The one short message that acknowledges a keyword. */
export function optAcknowledgement(keyword: 'opt-out' | 'opt-in', settings: FlowDocument['settings']): string {
  const optIn = settings?.optInKeywords?.[0] ?? DEFAULT_OPT_IN_KEYWORDS[0];
  return keyword === 'opt-out'
    ? `You won't receive more messages from us. Reply ${optIn} to receive them again.`
    : "You're subscribed again: you'll receive our messages.";
}
