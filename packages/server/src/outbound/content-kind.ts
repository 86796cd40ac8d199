/** Media types whose answers are text a flow can read: JSON, XML, forms, scripts and every `text/*`. */
const TEXT_TYPES = /^(text\/.*|application\/(json|xml|javascript|x-www-form-urlencoded|[a-z0-9.+-]*\+(json|xml)))$/;

/**
 * Whether an answer of this media type (lowercase, without parameters) is binary: a file, not JSON or
 * text. An answer that names no type counts as text.
 */
export function isBinaryType(contentType: string): boolean {
  return contentType !== '' && !TEXT_TYPES.test(contentType);
}
