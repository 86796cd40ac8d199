import type { MediaFile } from './media-file';
import type { AiMedia } from './ports';

/** A message from the customer, normalised from whatever channel it came through. */
export type UserMessage =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string; title?: string }
  | {
      kind: 'media';
      mediaType: 'image' | 'document' | 'audio' | 'video' | 'sticker';
      id?: string;
      url?: string;
      mimeType?: string;
      caption?: string;
      filename?: string;
      /** The file, once the host downloaded and stored it. */
      file?: MediaFile;
      /** Why the host could not get the file (too big, corrupted, unreachable), when it could not. */
      error?: string;
    }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'order'; catalogId?: string; items: OrderItemInput[]; text?: string }
  | { kind: 'contacts'; contacts: { name: string; phones: string[] }[] };

export interface OrderItemInput {
  productId: string;
  quantity: number;
  price?: number;
  currency?: string;
}

/** Plain text of a user message, as a human would read it in a transcript. */
export function userMessageText(message: UserMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'choice':
      return message.title ?? message.id;
    case 'media':
      return message.caption ?? `[${message.mediaType}]`;
    case 'location':
      return message.name ?? `[location ${message.latitude},${message.longitude}]`;
    case 'order':
      return message.text ?? `[order of ${message.items.length} item(s)]`;
    case 'contacts':
      return `[contact ${message.contacts.map((c) => c.name).join(', ')}]`;
  }
}

/** A media message as the history keeps it for the AI node; undefined for any other message. */
export function historyMedia(message: UserMessage): AiMedia | undefined {
  if (message.kind !== 'media') return undefined;
  return {
    mediaType: message.mediaType,
    ...(message.file ? { file: message.file } : {}),
    ...(message.caption ? { caption: message.caption } : {}),
  };
}
