import { randomBytes } from 'node:crypto';

/** A part ready to write: a text field, or a file's bytes with its type and name. */
export type MultipartField = { name: string; value: string } | { name: string; bytes: Uint8Array; mimeType: string; filename: string };

/**
 * A `multipart/form-data` body (RFC 7578) and its Content-Type with a random boundary. Names and
 * file names are escaped as browsers do (`"` as %22, line breaks as %0D/%0A), so no value can end
 * its header early.
 */
export function multipartBody(fields: MultipartField[]): { contentType: string; body: Buffer } {
  const boundary = `chatflow-${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const field of fields) {
    const head =
      'bytes' in field
        ? `Content-Disposition: form-data; name="${quoteSafe(field.name)}"; filename="${quoteSafe(field.filename)}"\r\nContent-Type: ${field.mimeType}`
        : `Content-Disposition: form-data; name="${quoteSafe(field.name)}"`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`));
    chunks.push('bytes' in field ? Buffer.from(field.bytes) : Buffer.from(field.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

function quoteSafe(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
