import { useSyncExternalStore } from 'react';
import { useApi } from '../../hooks/use-api';
import { parseBusinessRoute } from '../../hooks/use-business-route';
import { useRefreshSessionUser } from '../../hooks/use-refresh-session-user';
import { runsWorkspace, useSessionUser } from '../../hooks/use-session-user';
import './style.css';

const TABS = [
  { id: 'flows', label: 'Flows', href: '#/', adminOnly: true },
  { id: 'dashboard', label: 'Dashboard', href: '#/dashboard', adminOnly: true },
  { id: 'catalog', label: 'Catalog', href: '#/catalog', adminOnly: true },
  { id: 'orders', label: 'Orders', href: '#/orders', adminOnly: true },
  { id: 'contacts', label: 'Contacts', href: '#/contacts', adminOnly: true },
  { id: 'inbox', label: 'Inbox', href: '#/inbox', adminOnly: false },
  { id: 'users', label: 'Users', href: '#/users', adminOnly: true },
  { id: 'templates', label: 'Templates', href: '#/templates', adminOnly: true },
  { id: 'broadcasts', label: 'Broadcasts', href: '#/broadcasts', adminOnly: true },
  { id: 'secrets', label: 'Secrets', href: '#/secrets', adminOnly: true },
] as const;

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The top-level sections of the builder; an agent sees only the inbox. */
export function AppTabs() {
  const { client } = useApi();
  const user = useSessionUser(client.token);
  useRefreshSessionUser();
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const current = parseBusinessRoute(hash)?.page ?? 'flows';
  const tabs = TABS.filter((tab) => runsWorkspace(user) || !tab.adminOnly);
  return (
    <nav className="app-tabs" aria-label="Sections">
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={tab.href}
          className={`app-tab${tab.id === current ? ' is-active' : ''}`}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
