import type { ReactNode } from 'react';
import './style.css';

export type SidebarTab = 'properties' | 'problems' | 'variables' | 'versions';

interface SidebarProps {
  tab: SidebarTab;
  onTab: (tab: SidebarTab) => void;
  errors: number;
  warnings: number;
  children: ReactNode;
}

const TABS: { id: SidebarTab; label: string }[] = [
  { id: 'properties', label: 'Properties' },
  { id: 'problems', label: 'Problems' },
  { id: 'variables', label: 'Variables' },
  { id: 'versions', label: 'Versions' },
];

/** The right-hand panel: the selection's properties, the flow's problems, variables and versions. */
export function Sidebar({ tab, onTab, errors, warnings, children }: SidebarProps) {
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
      </div>
      <div className="sidebar-body" role="tabpanel">
        {children}
      </div>
    </aside>
  );
}
