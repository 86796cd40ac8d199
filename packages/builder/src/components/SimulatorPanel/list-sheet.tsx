import type { OutboundMessage } from '@chatflow/engine';

type Menu = Extract<OutboundMessage, { kind: 'menu' }>;

/** A WhatsApp list opened from its button: the rows to pick from, grouped by section. */
export function ListSheet({ menu, onChoose, onClose }: { menu: Menu; onChoose: (id: string, title: string) => void; onClose: () => void }) {
  const sections = [...new Set(menu.options.map((option) => option.section ?? ''))];
  return (
    <div className="list-sheet-backdrop">
      <div className="list-sheet" role="dialog" aria-label={menu.button ?? 'Choose'}>
        <header>
          <button type="button" className="icon-button" aria-label="Close the list" onClick={onClose}>
            ✕
          </button>
          <strong>{menu.button ?? 'Choose'}</strong>
        </header>
        {sections.map((section) => (
          <div key={section} className="list-section">
            {section ? <h4>{section}</h4> : null}
            {menu.options
              .filter((option) => (option.section ?? '') === section)
              .map((option) => (
                <button key={option.id} type="button" className="list-row" onClick={() => onChoose(option.id, option.label)}>
                  <span>
                    <span className="list-row-title">{option.label}</span>
                    {option.description ? <span className="list-row-description">{option.description}</span> : null}
                  </span>
                  <span className="list-row-radio" />
                </button>
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}
