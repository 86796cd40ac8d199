import { createHash } from 'node:crypto';

/** What `GET /{media-id}` says about a customer's file. */
export interface GraphMediaInfo {
  /** Where to download it (another host than the Graph API; lives five minutes). */
  url: string;
  mimeType: string;
  /** Lowercase hex, whichever way Meta wrote it. */
  sha256?: string;
  size?: number;
}

/** A media call that failed, with a reason fit for a log line and the flow (no token, no URL). */
export class GraphMediaError extends Error {
  override name = 'GraphMediaError';
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 60_000;
const YIELD_EVERY = 1024 * 1024;

/** Resolves a webhook's media id with the number's token. */
export async function fetchMediaInfo(graphUrl: string, token: string, mediaId: string): Promise<GraphMediaInfo> {
  const response = await request(`${graphUrl}/${encodeURIComponent(mediaId)}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) throw graphError('looking up the media', response.status, body);
  if (typeof body?.url !== 'string' || typeof body.mime_type !== 'string') {
    throw new GraphMediaError('the Graph API answered the media lookup without a url or mime_type');
  }
  const size = Number(body.file_size);
  return {
    url: body.url,
    mimeType: body.mime_type,
    ...(typeof body.sha256 === 'string' ? { sha256: hexDigest(body.sha256) } : {}),
    ...(Number.isFinite(size) && size >= 0 ? { size } : {}),
  };
}

/** A download under way: its chunks, each hashed and counted as it is read. */
export interface MediaDownload {
  /** The size the answer declared (`content-length`), 0 when it gave none. */
  declared: number;
  /** Throws as soon as more than the limit arrived, so an oversize file never fills memory or disk. */
  chunks: AsyncGenerator<Uint8Array>;
  /** The lowercase hex sha256 of what was read; once the chunks are done. */
  digest(): string;
}

/** Starts downloading the bytes with the token; refuses a failed answer or a declared size over `maxBytes`. */
export async function openDownload(url: string, token: string, maxBytes: number): Promise<MediaDownload> {
  const response = await request(url, { headers: { authorization: `Bearer ${token}` } });
  const body = response.body;
  if (!response.ok || !body) {
    await body?.cancel();
    throw new GraphMediaError(`downloading the media failed with HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await body.cancel();
    throw tooBig(maxBytes);
  }
  const hash = createHash('sha256');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let received = 0;
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > maxBytes) throw tooBig(maxBytes);
      hash.update(chunk);
      yield chunk;
    }
  }
  // NaN when the header is missing or not a number.
  return { declared: Number.isFinite(declared) ? declared : 0, chunks: chunks(), digest: () => hash.digest('hex') };
}

/**
 * Downloads the bytes into memory on this thread (the GridFS store, which a worker thread cannot
 * reach; files under DATA_DIR are downloaded by `download-pool.ts`).
 */
export async function downloadMedia(url: string, token: string, maxBytes: number): Promise<{ bytes: Uint8Array; sha256: string }> {
  const download = await openDownload(url, token, maxBytes);
  // Chunks are copied into place as they come: joining 10 MB at the end would hold the event loop.
  let bytes: Buffer = Buffer.allocUnsafe(download.declared || 256 * 1024);
  let received = 0;
  for await (const chunk of download.chunks) {
    const end = received + chunk.byteLength;
    if (end > bytes.byteLength) bytes = grown(bytes, received, Math.min(maxBytes, Math.max(end, bytes.byteLength * 2)));
    bytes.set(chunk, received);
    // Chunks already buffered are read in microtasks, without a turn of the event loop: yield
    // every megabyte, so a fast local download cannot hold other conversations' webhooks back.
    if (Math.floor(end / YIELD_EVERY) !== Math.floor(received / YIELD_EVERY)) await new Promise((resolve) => setImmediate(resolve));
    received = end;
  }
  return { bytes: bytes.subarray(0, received), sha256: download.digest() };
}

function grown(bytes: Buffer, used: number, size: number): Buffer {
  const next = Buffer.allocUnsafe(size);
  bytes.copy(next, 0, 0, used);
  return next;
}

/** `POST /{phone-number-id}/media` (multipart): the media id WhatsApp gives the uploaded file. */
export async function uploadMedia(
  graphUrl: string,
  token: string,
  phoneNumberId: string,
  file: { bytes: Uint8Array; mimeType: string; filename?: string },
): Promise<string> {
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mimeType);
  form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename ?? 'file');
  const response = await request(`${graphUrl}/${encodeURIComponent(phoneNumberId)}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) throw graphError('uploading the media', response.status, body);
  if (typeof body?.id !== 'string') throw new GraphMediaError('the Graph API answered the upload without a media id');
  return body.id;
}

/** Meta writes the digest in base64 in webhooks and in hex elsewhere; both become hex. */
function hexDigest(value: string): string {
  return /^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'network error';
    throw new GraphMediaError(`the media request failed: ${reason}`);
  }
}

function graphError(what: string, status: number, body: Record<string, unknown> | undefined): GraphMediaError {
  const error = (body?.error ?? {}) as { message?: unknown; code?: unknown };
  const code = typeof error.code === 'number' ? error.code : undefined;
  const message = typeof error.message === 'string' ? `: ${error.message}` : '';
  return new GraphMediaError(`${what} failed with HTTP ${status}${message}`, code);
}

function tooBig(maxBytes: number): GraphMediaError {
  return new GraphMediaError(`the file is larger than WhatsApp's ${formatBytes(maxBytes)} limit for it`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
