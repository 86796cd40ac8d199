/** A date and time as people read it in their locale, e.g. "12 Mar, 14:05"; "" for an invalid time. */
export function dateTime(at: string | number): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
