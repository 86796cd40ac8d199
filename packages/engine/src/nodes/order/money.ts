const digitsByCurrency = new Map<string, number>();

/**
 * How many decimal places a currency's minor unit has (BRL 2, JPY 0, BHD 3), from Intl's
 * ISO 4217 data; 2 for a code Intl does not know.
 */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** An amount in major units (12.5) as an integer of minor units (1250), so sums are exact. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

/** Minor units back to the major-unit number the rest of the world reads. */
export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** `R$ 12,50` or `$12.50` as the customer's locale writes it; `12.50 XYZ` for an unknown currency. */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(minorDigits(currency))} ${currency}`;
  }
}
