import { useState } from 'react';
import type { User } from '../../api/users-api';
import { useUsers } from '../../hooks/use-users';
import { toasts } from '../../notifications/toasts';
import { withToast } from '../../notifications/with-toast';
import { NewUserForm } from './new-user-form';
import { UserRow } from './user-row';
import './style.css';

interface UsersScreenProps {
  /** The signed-in user, who may not delete themself; undefined for the ADMIN_TOKEN. */
  currentUserId?: string | undefined;
}

/** Who may sign in: admins build flows and run the shop, agents answer customers in the inbox. */
export function UsersScreen({ currentUserId }: UsersScreenProps) {
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  return (
    <main className="business-main users">
      <div className="business-head">
        <div>
          <h1>Users</h1>
          <p className="muted">
            Admins build flows and manage the catalog and orders. Agents only see the inbox, limited to their departments.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)} disabled={adding}>
          + New user
        </button>
      </div>
      {adding ? (
        <NewUserForm
          onCancel={() => setAdding(false)}
          onCreate={async (input) => {
            const created = await users.create(input);
            toasts.show('success', `${created.name} can sign in now`);
            setAdding(false);
          }}
        />
      ) : null}
      {users.error ? <p className="error-box">Could not load the users: {users.error}</p> : null}
      {users.list === undefined && !users.error ? <p className="muted">Loading…</p> : null}
      {users.list?.length === 0 ? (
        <div className="business-empty">
          <p>No users yet.</p>
          <p className="muted">You are signed in with the admin token. Add agents so they can answer customers in the inbox.</p>
        </div>
      ) : null}
      {users.list && users.list.length > 0 ? (
        <table className="data-table users-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th>Departments</th>
              <th>Status</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {users.list.map((user: User) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === currentUserId}
                onChange={(changes, what) => withToast(what, () => users.update(user.id, changes))}
                onDelete={() => withToast(`Deleted ${user.name}`, () => users.remove(user.id))}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
