import { type FormEvent, useState } from 'react';
import type { User, UserChanges, UserRole } from '../../api/users-api';
import { departmentsOf } from '../../business/departments';

interface UserRowProps {
  user: User;
  isSelf: boolean;
  /** Saves a change; resolves true when the server took it. `what` is the message shown then. */
  onChange: (changes: UserChanges, what: string) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}

type Editing = 'none' | 'password' | 'departments' | 'delete';

/** One user: role and departments, enable or disable, reset the password, delete. */
export function UserRow({ user, isSelf, onChange, onDelete }: UserRowProps) {
  const [editing, setEditing] = useState<Editing>('none');
  const [password, setPassword] = useState('');
  const [departments, setDepartments] = useState(user.departments.join(', '));

  const savePassword = async (event: FormEvent) => {
    event.preventDefault();
    if (await onChange({ password }, `${user.name}'s password was reset; their sessions were signed out`)) {
      setPassword('');
      setEditing('none');
    }
  };
  const saveDepartments = async (event: FormEvent) => {
    event.preventDefault();
    if (await onChange({ departments: departmentsOf(departments) }, `${user.name}'s departments were saved`)) setEditing('none');
  };

  return (
    <tr className={user.disabled ? 'is-disabled' : undefined} data-testid="user-row">
      <td>
        <div className="user-name">
          {user.name}
          {isSelf ? <span className="badge">you</span> : null}
        </div>
        <div className="muted">{user.email}</div>
      </td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          disabled={isSelf}
          onChange={(event) => void onChange({ role: event.target.value as UserRole }, `${user.name} is now an ${event.target.value}`)}
        >
          <option value="agent">Agent</option>
          <option value="manager">Manager</option>
          <option value="admin">Admin</option>
          <option value="owner">Owner</option>
        </select>
      </td>
      <td>
        {editing === 'departments' ? (
          <form className="inline-edit" onSubmit={saveDepartments}>
            <input
              aria-label={`Departments of ${user.name}`}
              value={departments}
              onChange={(event) => setDepartments(event.target.value)}
              placeholder="sales, support"
            />
            <button type="submit" className="button button-small button-primary">
              Save
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing('none')}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="departments-button" title="Change the departments" onClick={() => setEditing('departments')}>
            {user.role === 'admin' || user.role === 'owner' ? (
              <span className="muted">all (admin)</span>
            ) : user.departments.length ? (
              user.departments.map((name) => (
                <span key={name} className="badge badge-green">
                  {name}
                </span>
              ))
            ) : (
              <span className="muted">every department</span>
            )}
          </button>
        )}
      </td>
      <td>
        <label className="user-enabled">
          <input
            type="checkbox"
            checked={!user.disabled}
            disabled={isSelf}
            onChange={(event) =>
              void onChange(
                { disabled: !event.target.checked },
                event.target.checked ? `${user.name} can sign in again` : `${user.name} can no longer sign in`,
              )
            }
          />
          {user.disabled ? 'Disabled' : 'Active'}
        </label>
      </td>
      <td className="row-actions">
        {editing === 'password' ? (
          <form className="inline-edit" onSubmit={savePassword}>
            <input
              type="password"
              autoComplete="new-password"
              aria-label={`New password for ${user.name}`}
              placeholder="new password (10+ characters)"
              minLength={10}
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" className="button button-small button-primary">
              Set
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing('none')}>
              Cancel
            </button>
          </form>
        ) : editing === 'delete' ? (
          <span className="confirm-inline">
            Delete {user.name}?
            <button type="button" className="button button-small button-danger" onClick={() => void onDelete()}>
              Delete
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing('none')}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="button button-small" onClick={() => setEditing('password')}>
              Reset password
            </button>
            {isSelf ? null : (
              <button type="button" className="button button-small button-ghost button-danger-text" onClick={() => setEditing('delete')}>
                Delete
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
