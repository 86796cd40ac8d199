/**
 * A message the bot sends, channel-neutral. Channels map these onto their own limits
 * (WhatsApp: three reply buttons, ten list rows, ...).
 */
export type OutboundMessage =
  | { kind: 'text'; text: string }
  | {
      kind: 'media';
      mediaType: 'image' | 'document' | 'audio' | 'video';
      url?: string;
      mediaId?: string;
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
