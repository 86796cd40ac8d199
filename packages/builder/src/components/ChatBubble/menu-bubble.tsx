import type { OutboundMessage } from '@chatflow/engine';
import { menuPresentation, numberedMenuText } from '../../simulator/menu-presentation';

type Menu = Extract<OutboundMessage, { kind: 'menu' }>;

interface MenuBubbleProps {
  message: Menu;
  at: string;
  onChoose: (id: string, title: string) => void;
  onOpenList: (message: Menu) => void;
}

/** A menu as WhatsApp draws it: reply buttons under the bubble, a list behind its button, or numbered text. */
export function MenuBubble({ message, at, onChoose, onOpenList }: MenuBubbleProps) {
  const presentation = menuPresentation(message);
  const body = presentation === 'text' ? numberedMenuText(message) : message.text;
  return (
    <div className="bubble-row is-out">
      <div className="bubble-stack">
        <div className="bubble bubble-out" data-testid="chat-out">
          {message.header ? <strong className="bubble-header">{message.header}</strong> : null}
          <span className="bubble-text">{body}</span>
          {message.footer ? <span className="bubble-footer">{message.footer}</span> : null}
          <span className={`bubble-time${presentation === 'list' ? ' is-inline' : ''}`}>{at}</span>
          {presentation === 'list' ? (
            <button type="button" className="bubble-list-button" onClick={() => onOpenList(message)}>
              ☰ {message.button ?? 'Choose'}
            </button>
          ) : null}
        </div>
        {presentation === 'buttons' ? (
          <div className="reply-buttons">
            {message.options.map((option) => (
              <button key={option.id} type="button" className="reply-button" onClick={() => onChoose(option.id, option.label)}>
                {option.label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
