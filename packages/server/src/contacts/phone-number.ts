import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as WhatsApp addresses it (`wa_id`: the E.164 number's digits, no `+`), from a
 * number as people write it: `+49 30 1234567`, `0049 30 1234567`, `1 (555) 123-4567`. Without a
 * country to assume, a number is read as international. Undefined when it cannot be a number.
 *
 * @example
 * waId('+1 (555) 010-0001'); // '15550100001'
 */
export function waId(written: string): string | undefined {
  const trimmed = written.trim();
  if (!/^(\+|00)?[0-9][0-9 ().-]{4,30}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '').replace(/^00/, '');
  const number = parsePhoneNumberFromString(`+${digits}`);
  return number?.isPossible() ? number.number.slice(1) : undefined;
}
