import type { ReactNode } from 'react';
import './style.css';

export type SidebarTab = 'properties' | 'problems' | 'variables' | 'tests' | 'versions';

interface SidebarProps {
  tab: SidebarTab;
  onTab: (tab: SidebarTab) => void;
  errors: number;
  warnings: number;
  /** Folded to a thin rail, giving the canvas the room (the test chat on a laptop screen). */
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  children: ReactNode;
}

const TABS: { id: SidebarTab; label: string }[] = [
  { id: 'properties', label: 'Properties' },
  { id: 'problems', label: 'Problems' },
  { id: 'variables', label: 'Variables' },
  { id: 'tests', label: 'Tests' },
  { id: 'versions', label: 'Versions' },
];

/** The right-hand panel: the selection's properties, the flow's problems, variables and versions. */
export function Sidebar({ tab, onTab, errors, warnings, collapsed, onCollapsedChange, children }: SidebarProps) {
  if (collapsed) {
    return (
      <aside className="sidebar is-collapsed">
        <button
          type="button"
          className="sidebar-rail"
          onClick={() => onCollapsedChange(false)}
          title="Show the side panel"
          aria-label="Show the side panel"
        >
          <span>⟨</span>
          {errors + warnings > 0 ? <span className={`tab-count${errors ? ' is-error' : ' is-warning'}`}>{errors + warnings}</span> : null}
          <span className="sidebar-rail-label">{TABS.find((item) => item.id === tab)?.label}</span>
        </button>
      </aside>
    );
  }
  return (
    <aside className="sidebar">
      <div className="sidebar-tabs" role="tablist">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            className={`sidebar-tab${tab === item.id ? ' is-active' : ''}`}
            onClick={() => onTab(item.id)}
          >
            {item.label}
            {item.id === 'problems' && errors + warnings > 0 ? (
              <span className={`tab-count${errors ? ' is-error' : ' is-warning'}`}>{errors + warnings}</span>
            ) : null}
          </button>
        ))}
        <button
          type="button"
          className="icon-button sidebar-fold"
          onClick={() => onCollapsedChange(true)}
          title="Hide the side panel"
          aria-label="Hide the side panel"
        >
          ⟩
        </button>
      </div>
      <div className="sidebar-body" role="tabpanel">
        {children}
      </div>
    </aside>
  );
}
