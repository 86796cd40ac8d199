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
  | {
      kind: 'template';
      name: string;
      language: string;
      /** The body's positional parameters, `{{1}}`, `{{2}}` … in order. */
      params: string[];
      /** The body's named parameters (a template made with `parameter_format: NAMED`), by name. */
      namedParams?: Record<string, string>;
      header?: TemplateHeader;
      buttons?: TemplateButton[];
    }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string };

export interface MenuOption {
  id: string;
  label: string;
  description?: string;
  /** Lists group rows by section; options without one share a default section. */
  section?: string;
}

/** A template's header parameter: its one text parameter, or the media of a media header. */
export type TemplateHeader =
  | { type: 'text'; text: string }
  | {
      type: 'image' | 'video' | 'document';
      url?: string;
      mediaId?: string;
      /** A `{{variable}}` that should hold a stored file, resolved to `file` as a media message's is. */
      media?: string;
      file?: MediaFile;
      filename?: string;
    };

/**
 * A template button's parameter, by the button's position in the template: a quick reply's
 * payload (what the customer's tap brings back) or the suffix a URL button appends to its URL.
 */
export type TemplateButton =
  /** `title`: the button's text, for a chat view to draw (WhatsApp takes it from the template). */
  { index: number; type: 'quick_reply'; payload: string; title?: string } | { index: number; type: 'url'; text: string };
