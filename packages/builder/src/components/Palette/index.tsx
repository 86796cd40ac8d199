import { defaultRegistry } from '@chatflow/engine';
import { type DragEvent, useMemo, useState } from 'react';
import { paletteGroups } from '../../editor/palette-groups';
import { useAddNode } from '../../hooks/use-add-node';
import { categoryColor } from '../FlowNodeCard/category-color';
import { PALETTE_MIME } from './palette-mime';
import './style.css';

/** The node types to add, from the engine's registry, grouped by category and searchable. */
export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(defaultRegistry, query), [query]);
  const add = useAddNode();

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-head">
        <input
          type="search"
          className="palette-search"
          placeholder="Search nodes…"
          aria-label="Search node types"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="palette-hint">Drag onto the canvas, or click to add after the selected node.</p>
      </div>
      <div className="palette-groups">
        {groups.length === 0 ? <p className="palette-none">No node type matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.category} className="palette-group">
            <h3>{group.category}</h3>
            {group.types.map((definition) => (
              <button
                key={definition.type}
                type="button"
                className="palette-item"
                draggable
                onDragStart={(event) => onDragStart(event, definition.type)}
                onClick={() => add.next(definition.type)}
                title={`${definition.description}. Drag onto the canvas, or click to add.`}
                data-testid={`palette-${definition.type}`}
              >
                <span
                  className="palette-icon"
                  style={{ background: `color-mix(in srgb, ${categoryColor(definition.category)} 12%, white)` }}
                >
                  {definition.icon}
                </span>
                <span className="palette-text">
                  <strong>{definition.title}</strong>
                  <span>{definition.description}</span>
                </span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
