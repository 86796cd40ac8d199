import type { ReactNode } from 'react';
import { routeHref } from '../../hooks/use-hash-route';
import './style.css';

interface TopBarProps {
  /** Left: the flow's name and where it stands. */
  title: ReactNode;
  /** Middle: editing tools. */
  tools?: ReactNode;
  /** Right: test, publish... */
  actions: ReactNode;
}

/** The editor's top bar: back to the flow list, the flow, its tools and its main actions. */
export function TopBar({ title, tools, actions }: TopBarProps) {
  return (
    <header className="topbar">
      <div className="topbar-left">
        <a className="topbar-back" href={routeHref({ page: 'flows' })} title="All flows">
          ← Flows
        </a>
        {title}
      </div>
      <div className="topbar-tools">{tools}</div>
      <div className="topbar-actions">{actions}</div>
    </header>
  );
}
