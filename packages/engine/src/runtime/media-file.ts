/**
 * A file the host keeps for a conversation (a customer's voice note, a service's answer), as flow
 * variables carry it. The engine never sees the bytes: it passes this reference around, and the
 * host resolves `id` in its media store when a message or a request needs the file.
 *
 * @example
 * { id: 'f3a9…', mimeType: 'audio/ogg', size: 18234, sha256: 'f3a9…', url: 'https://bot.example/media/f3a9…?exp=…&sig=…' }
 */
export interface MediaFile {
  /** The host's id of the stored file. */
  id: string;
  /** The content type, e.g. `audio/ogg`, `image/jpeg`. */
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Lowercase hex sha256 of the bytes: the same file always has the same digest. */
  sha256: string;
  /** A signed, expiring link on the host from which a processing service can fetch the bytes. */
  url: string;
  /** The file name the sender gave, when there was one (documents). */
  filename?: string;
}

/** Whether a variable's value is a media file reference (for example a question's media answer). */
export function isMediaFile(value: unknown): value is MediaFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  return (
    typeof file.id === 'string' &&
    typeof file.mimeType === 'string' &&
    typeof file.size === 'number' &&
    typeof file.sha256 === 'string' &&
    typeof file.url === 'string'
  );
}
