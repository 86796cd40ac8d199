import type { UserMessage } from '@chatflow/engine';
import type { QueueItem } from '../conversation/queue-item';
import { fetchMediaInfo, formatBytes, GraphMediaError } from '../whatsapp/graph-media';
import { whatsappMedia } from '../whatsapp/media-rules';
import type { MediaDownloads } from './media-downloads';
import type { MediaStore } from './media-store';

type MediaMessage = Extract<UserMessage, { kind: 'media' }>;

export interface InboundMediaDeps {
  media: MediaStore;
  downloads: MediaDownloads;
  /** e.g. `https://graph.facebook.com/v25.0`. */
  graphUrl: string;
  accessToken(phoneNumberId: string, workspaceId: string): Promise<string | undefined>;
  /** Downloads at once across all conversations; the rest wait their turn (8 by default). */
  concurrency?: number;
  logger: { warn(message: string, details?: Record<string, unknown>): void };
}

/**
 * Fetches the file of a customer's WhatsApp media message in its turn (after the webhook was
 * answered): resolves the media id with the number's token, downloads from the URL Meta gives,
 * refuses a file over WhatsApp's size limit for its kind or whose sha256 differs from Meta's,
 * and stores it for the contact. The message then carries the stored `file`, or the `error` that
 * kept it out; a failure never fails the turn.
 */
export function createInboundMedia(deps: InboundMediaDeps): (item: QueueItem, contactId: string) => Promise<QueueItem> {
  const gate = createGate(deps.concurrency ?? 8);

  async function fetchFile(item: QueueItem, message: MediaMessage & { id: string }, contactId: string) {
    if (item.channel.kind !== 'whatsapp') throw new GraphMediaError('only WhatsApp media ids can be downloaded');
    const token = await deps.accessToken(item.channel.phoneNumberId, item.workspaceId);
    if (!token) throw new GraphMediaError(`no access token for WhatsApp number ${item.channel.phoneNumberId}`);
    const { maxBytes } = whatsappMedia[message.mediaType];
    const info = await fetchMediaInfo(deps.graphUrl, token, message.id);
    if (info.size !== undefined && info.size > maxBytes) {
      throw new GraphMediaError(`the file is larger than WhatsApp's ${formatBytes(maxBytes)} limit for it`);
    }
    const stored = await deps.downloads.fetch(item.workspaceId, info.url, token, {
      maxBytes,
      ...(info.sha256 ? { sha256: info.sha256 } : {}),
    });
    return deps.media.register(item.workspaceId, stored, {
      mimeType: info.mimeType,
      contactId,
      ...(message.filename ? { filename: message.filename } : {}),
    });
  }

  return async (item, contactId) => {
    const event = item.event;
    if (event.type !== 'user.message' || event.message.kind !== 'media') return item;
    const message = event.message;
    if (message.file || message.error || !message.id) return item;
    const id = message.id;
    let resolved: MediaMessage;
    try {
      resolved = { ...message, file: await gate(() => fetchFile(item, { ...message, id }, contactId)) };
    } catch (error) {
      const reason = error instanceof GraphMediaError ? error.message : 'the file could not be stored';
      deps.logger.warn('a customer’s media could not be fetched', { workspaceId: item.workspaceId, mediaType: message.mediaType, reason });
      resolved = { ...message, error: reason };
    }
    return { ...item, event: { ...event, message: resolved } };
  };
}

/** Runs at most `size` tasks at once; the others wait in arrival order. */
function createGate(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
