import { logout } from '../../api/auth-api';
import { useApi } from '../../hooks/use-api';
import type { BusinessRoute } from '../../hooks/use-business-route';
import { roleOf, runsWorkspace, useSessionUser } from '../../hooks/use-session-user';
import { AppTabs } from '../AppTabs';
import { BroadcastsScreen } from '../BroadcastsScreen';
import { CatalogScreen } from '../CatalogScreen';
import { ContactsScreen } from '../ContactsScreen';
import { DashboardScreen } from '../DashboardScreen';
import { InboxScreen } from '../InboxScreen';
import { OrdersScreen } from '../OrdersScreen';
import { SecretsScreen } from '../SecretsScreen';
import { TemplatesScreen } from '../TemplatesScreen';
import { UsersScreen } from '../UsersScreen';
import { WorkspaceSwitcher } from '../WorkspaceSwitcher';
import './style.css';

interface BusinessScreensProps {
  /** The screen the address names; agents get the inbox whatever it names. */
  route: BusinessRoute | undefined;
  onSignOut: () => void;
}

/** The catalog, orders, inbox, users and secrets screens under one header; the role decides which may open. */
export function BusinessScreens({ route, onSignOut }: BusinessScreensProps) {
  const { client } = useApi();
  const user = useSessionUser(client.token);
  const role = roleOf(user);
  const admin = runsWorkspace(user);
  const page = admin ? (route?.page ?? 'inbox') : 'inbox';
  const signOut = async () => {
    await logout(client.token);
    onSignOut();
  };
  return (
    <div className={`page business-page is-${page}`}>
      <header className="page-header business-header">
        <div className="brand">
          <span className="brand-logo">💬</span> Chatflow
        </div>
        <AppTabs />
        <WorkspaceSwitcher />
        <div className="business-user">
          <span className="business-user-name">{user ? user.name : 'Admin token'}</span>
          <span className={`badge ${admin ? 'badge-blue' : 'badge-green'}`}>{role}</span>
          <button type="button" className="button button-ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {page === 'dashboard' ? <DashboardScreen /> : null}
      {page === 'catalog' ? <CatalogScreen /> : null}
      {page === 'contacts' ? <ContactsScreen /> : null}
      {page === 'orders' ? <OrdersScreen orderId={route?.id} /> : null}
      {page === 'inbox' ? (
        <InboxScreen conversationId={route?.page === 'inbox' ? route.id : undefined} agentId={user?.id ?? 'admin'} isAdmin={admin} />
      ) : null}
      {page === 'users' ? <UsersScreen currentUserId={user?.id} /> : null}
      {page === 'secrets' ? <SecretsScreen /> : null}
      {page === 'templates' ? <TemplatesScreen /> : null}
      {page === 'broadcasts' ? <BroadcastsScreen broadcastId={route?.page === 'broadcasts' ? route.id : undefined} /> : null}
    </div>
  );
}
