/**
 * An amount with its currency as people read it (`€12.50`, `R$ 1.234,00` in their locale).
 * The API gives exact decimal text or numbers; an unknown code is shown as it is.
 */
export function formatMoney(amount: number | string, currency: string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}
