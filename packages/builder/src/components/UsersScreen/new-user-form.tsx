import { useState } from 'react';
import type { NewUser, UserRole } from '../../api/users-api';
import { departmentsOf } from '../../business/departments';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormActions } from '../FormActions';

interface NewUserFormProps {
  onCreate: (input: NewUser) => Promise<void>;
  onCancel: () => void;
}

const worksInbox = (role: UserRole) => role === 'agent' || role === 'manager';

/** Adds an admin, a manager or an agent with a first password they can be told. */
export function NewUserForm({ onCreate, onCancel }: NewUserFormProps) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('agent');
  const [departments, setDepartments] = useState('');
  const first = useAutoFocus<HTMLInputElement>();
  const form = useFormSubmit(
    () => (password.length < 10 ? 'The password needs at least 10 characters.' : undefined),
    () =>
      onCreate({
        name: name.trim(),
        email: email.trim(),
        password,
        role,
        departments: worksInbox(role) ? departmentsOf(departments) : [],
      }),
  );

  return (
    <form className="new-user" onSubmit={form.onSubmit} aria-label="New user">
      <div className="new-user-grid">
        <label>
          Name
          <input ref={first} value={name} onChange={(event) => setName(event.target.value)} required placeholder="Ana Souza" />
        </label>
        <label>
          E-mail
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required placeholder="ana@shop.example" />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            placeholder="at least 10 characters"
          />
        </label>
        <label>
          Role
          <select value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
            <option value="agent">Agent: the inbox only</option>
            <option value="manager">Manager: the inbox and analytics</option>
            <option value="admin">Admin: everything</option>
          </select>
        </label>
        {worksInbox(role) ? (
          <label className="new-user-departments">
            Departments
            <input
              value={departments}
              onChange={(event) => setDepartments(event.target.value)}
              placeholder="sales, support (empty: every department)"
            />
          </label>
        ) : null}
      </div>
      <FormActions form={form} submit="Add user" busy="Adding…" onCancel={onCancel} className="new-user-actions" />
    </form>
  );
}
