import { defaultRegistry } from '@chatflow/engine';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { searchNodes } from '../../editor/search-nodes';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { useFocusNode } from '../../hooks/use-focus-node';
import './style.css';

/** Find a node by any text in it; Enter or a click shows it on the canvas. */
export function NodeSearch({ onClose }: { onClose: () => void }) {
  const { editor } = useEditor();
  const { nodes } = useEditorState(editor);
  const focus = useFocusNode();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useAutoFocus<HTMLInputElement>();
  const matches = useMemo(() => searchNodes(nodes, query, defaultRegistry), [nodes, query]);

  const choose = (id: string) => {
    focus(id);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    if (event.key === 'Enter' && matches[active]) choose(matches[active].id);
  };

  return (
    <div className="node-search" role="dialog" aria-label="Find a node">
      <input
        type="search"
        ref={input}
        placeholder="Find a node by its text, id or type…"
        aria-label="Find a node"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(onClose, 150)}
      />
      {query.trim() ? (
        <ul className="node-search-results">
          {matches.length === 0 ? <li className="muted">No node contains “{query}”.</li> : null}
          {matches.map((match, index) => (
            <li key={match.id}>
              <button type="button" className={index === active ? 'is-active' : ''} onMouseDown={() => choose(match.id)}>
                <span>{match.icon}</span>
                <span className="node-search-text">
                  <strong>
                    {match.title} <code>{match.id}</code>
                  </strong>
                  <span>{match.summary}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
