import type { MediaFile } from './media-file';

/**
 * A message the bot sends, channel-neutral. Channels map these onto their own limits
 * (WhatsApp: three reply buttons, ten list rows, ...).
 */
export type OutboundMessage =
  | { kind: 'text'; text: string }
  | {
      kind: 'media';
      mediaType: 'image' | 'document' | 'audio' | 'video' | 'sticker';
      url?: string;
      mediaId?: string;
      /**
       * A `{{variable}}` that should hold a stored file; when it does, the message carries that
       * file as `file` instead (and the host sends it), else it stays here, unresolved.
       */
      media?: string;
      /** A file the host keeps (a customer's photo, a service's answer), sent from its store. */
      file?: MediaFile;
      caption?: string;
      filename?: string;
    }
  | {
      kind: 'menu';
      text: string;
      options: MenuOption[];
      /** `auto` lets the channel pick buttons or a list from the option count. */
      style: 'auto' | 'buttons' | 'list';
      button?: string;
      header?: string;
      footer?: string;
    }
  | { kind: 'template'; name: string; language: string; params: string[] }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string };

export interface MenuOption {
  id: string;
  label: string;
  description?: string;
  /** Lists group rows by section; options without one share a default section. */
  section?: string;
}
