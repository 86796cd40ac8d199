/**
 * Money as integer minor units (cents), so totals are exact. A currency's number of decimals comes
 * from ISO 4217 through Intl (EUR 2, JPY 0, KWD 3).
 */

const currencyCode = /^[A-Z]{3}$/;

/** True for a well-formed ISO 4217 code such as `EUR`. */
export function isCurrencyCode(value: string): boolean {
  return currencyCode.test(value);
}

/** How many decimals the currency has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Parses an amount written in major units ("12.50", "12,50", "1 200") into minor units, exactly
 * (no floating point). Returns an error message when it is not an amount of that currency.
 *
 * @example
 * parseMajorUnits('12.5', 'EUR'); // { minor: 1250 }
 * parseMajorUnits('12.555', 'EUR'); // { error: 'has more than 2 decimals for EUR' }
 */
export function parseMajorUnits(text: string | number, currency: string): { minor: number } | { error: string } {
  const decimals = currencyDecimals(currency);
  const written = typeof text === 'number' ? numberText(text) : text.trim().replace(/[\s_]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(written);
  if (!match) return { error: `"${String(text)}" is not an amount like 12.50` };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > decimals) return { error: `"${String(text)}" has more than ${decimals} decimals for ${currency}` };
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { error: `"${String(text)}" is too large` };
  return { minor };
}

/**
 * Writes minor units as a plain amount with the currency code.
 *
 * @example
 * formatMinorUnits(1250, 'EUR'); // '12.50 EUR'
 */
export function formatMinorUnits(minor: number, currency: string): string {
  return `${decimalText(minor, currency)} ${currency}`;
}

/**
 * Minor units as exact decimal text in major units, which `parseMajorUnits` reads back.
 *
 * @example
 * decimalText(1250, 'EUR'); // '12.50'
 */
export function decimalText(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return decimals ? `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : `${sign}${digits}`;
}

/** Numbers from JSON (12.5) written without exponent notation, so they parse like text. */
function numberText(value: number): string {
  if (!Number.isFinite(value) || value < 0) return String(value);
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
