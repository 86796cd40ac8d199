/**
 * Keeps contact identifiers out of what is sent to the model: phone numbers and e-mail addresses
 * in free text become `[phone]` / `[email]`, and variables that hold identifiers are dropped.
 * Redaction errs on the side of privacy: a long order number may be masked as `[phone]` too.
 */

const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A run of 7 to 15 digits, optionally led by + and split by single spaces, dots, dashes or
// parentheses: how people write phone numbers. Shorter numbers (prices, quantities) are kept.
const phoneCandidate = /\+?\(?\d[\d\s().-]{5,22}\d/g;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Variable names whose values identify the contact; never sent, whatever they hold. */
const identifierNames = /(^|[_.])(phone|mobile|msisdn|wa_?id|whatsapp|email|e_?mail|address)($|[_.])/i;

/**
 * Masks phone numbers and e-mails in `text`, and any of the `exact` strings (the contact's own
 * number as the channel knows it, in any spacing). With `anyPhone: false` only the exact numbers
 * and e-mails are masked.
 *
 * @example
 * redactText('call me on +44 7700 900123'); // 'call me on [phone]'
 */
export function redactText(text: string, exact: readonly string[] = [], options: { anyPhone?: boolean } = {}): string {
  let result = text.replace(email, '[email]');
  for (const value of exact) {
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 5) result = result.replace(digitPattern(digits), '[phone]');
  }
  // Tool results carry catalog data whose long ids (barcodes) look like phone numbers: there only
  // the contact's own number is masked.
  if (options.anyPhone === false) return result;
  return result.replace(phoneCandidate, (match) => {
    const trimmed = match.trim();
    const digits = trimmed.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15 || isoDate.test(trimmed)) return match;
    return match.replace(trimmed, '[phone]');
  });
}

/** Redacts every string inside a JSON-like value and drops identifier-named keys. */
export function redactValue(value: unknown, exact: readonly string[] = []): unknown {
  if (typeof value === 'string') return redactText(value, exact);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, exact));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (identifierNames.test(key)) continue;
      result[key] = redactValue(item, exact);
    }
    return result;
  }
  return value;
}

/** Matches the digits of a number with any separators between them, e.g. 15551234567 in "+1 555-123-4567". */
function digitPattern(digits: string): RegExp {
  return new RegExp(`\\+?${digits.split('').join('[\\s().-]*')}`, 'g');
}
