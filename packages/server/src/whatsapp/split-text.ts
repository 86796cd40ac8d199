/**
 * Splits text into parts of at most `max` characters, cutting at the last line break, else the
 * last space, inside each window, and only mid-word when a single word is longer than `max`.
 * Counts UTF-16 code units as WhatsApp's limits do, and never cuts a surrogate pair in two.
 *
 * @example
 * splitText('one two three', 8); // ['one two', 'three']
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut <= 0) cut = window.lastIndexOf(' ');
    if (cut <= 0) {
      cut = max;
      // A cut between a high and a low surrogate would leave two broken halves.
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    } else {
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut + 1);
    }
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts.filter((part, i) => part.length > 0 || i === 0);
}

/** Cuts text to `max` characters with an ellipsis, for titles that must fit a fixed limit. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 2) >= 0xd800 && text.charCodeAt(max - 2) <= 0xdbff ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}
