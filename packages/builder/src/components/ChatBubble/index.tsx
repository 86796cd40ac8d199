import { type OutboundMessage, type UserMessage, userMessageText } from '@chatflow/engine';
import type { ChatEntry } from '../../simulator/simulator-session';
import { MenuBubble } from './menu-bubble';
import { TemplateBubble } from './template-bubble';
import './style.css';

interface ChatBubbleProps {
  entry: ChatEntry;
  onChoose: (id: string, title: string) => void;
  onOpenList: (message: Extract<OutboundMessage, { kind: 'menu' }>) => void;
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One message as WhatsApp shows it: the customer's on the right, the bot's on the left. */
export function ChatBubble({ entry, onChoose, onOpenList }: ChatBubbleProps) {
  if (entry.direction === 'in') {
    return (
      <div className="bubble-row is-in">
        <div className="bubble bubble-in" data-testid="chat-in">
          {entry.message.kind === 'media' && entry.message.file ? (
            <Media message={{ ...entry.message, url: entry.message.file.url }} />
          ) : null}
          <span className="bubble-text">{customerText(entry.message)}</span>
          <span className="bubble-time">{time(entry.at)} ✓✓</span>
        </div>
      </div>
    );
  }
  const message = entry.message;
  if (message.kind === 'menu') return <MenuBubble message={message} at={time(entry.at)} onChoose={onChoose} onOpenList={onOpenList} />;
  if (message.kind === 'template') return <TemplateBubble message={message} at={time(entry.at)} onChoose={onChoose} />;
  return (
    <div className="bubble-row is-out">
      <div className="bubble bubble-out" data-testid="chat-out">
        <BotContent message={message} />
        <span className="bubble-time">{time(entry.at)}</span>
      </div>
    </div>
  );
}

function customerText(message: UserMessage): string {
  return userMessageText(message);
}

function BotContent({ message }: { message: Exclude<OutboundMessage, { kind: 'menu' | 'template' }> }) {
  switch (message.kind) {
    case 'text':
      return <span className="bubble-text">{message.text}</span>;
    case 'media':
      return (
        <>
          <Media message={message} />
          {message.caption ? <span className="bubble-text">{message.caption}</span> : null}
        </>
      );
    case 'location':
      return (
        <span className="bubble-text">
          📍 <strong>{message.name ?? 'Location'}</strong>
          {message.address ? <span className="bubble-sub"> {message.address}</span> : null}
          <span className="bubble-sub">
            {' '}
            {message.latitude}, {message.longitude}
          </span>
        </span>
      );
  }
}

type Shown = Pick<Extract<OutboundMessage, { kind: 'media' }>, 'mediaType' | 'url' | 'file' | 'caption' | 'filename' | 'mediaId'>;

/** A photo, sticker, video or audio player when the file can be fetched (a stored file's signed link, a URL), else a link. */
function Media({ message }: { message: Shown }) {
  const source = message.file?.url ?? message.url;
  if (source && (message.mediaType === 'image' || message.mediaType === 'sticker'))
    return <img className="bubble-media" src={source} alt={message.caption ?? 'Image'} />;
  if (source && message.mediaType === 'video')
    return (
      <video className="bubble-media" src={source} controls>
        <track kind="captions" />
      </video>
    );
  if (source && message.mediaType === 'audio')
    return (
      <audio src={source} controls>
        <track kind="captions" />
      </audio>
    );
  const icon = { image: '🖼️', video: '🎬', audio: '🎵', document: '📄', sticker: '🖼️' }[message.mediaType];
  const name = message.filename ?? message.file?.filename ?? (source ? source.split('/').pop() : `media ${message.mediaId ?? ''}`);
  return (
    <a className="bubble-document" href={source} target="_blank" rel="noreferrer">
      <span>{icon}</span>
      <span>{name}</span>
    </a>
  );
}
