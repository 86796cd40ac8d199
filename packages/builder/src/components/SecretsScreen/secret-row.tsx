import { type FormEvent, useState } from 'react';
import type { Secret } from '../../api/secrets-api';
import { dateTime } from '../../business/date-time';

interface SecretRowProps {
  secret: Secret;
  /** Saves a new value; resolves true when the server took it. */
  onReplace: (value: string) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}

type Editing = 'none' | 'replace' | 'delete';

/** One secret: its name, how flows use it, when it was set; replace its value or delete it. */
export function SecretRow({ secret, onReplace, onDelete }: SecretRowProps) {
  const [editing, setEditing] = useState<Editing>('none');
  const [value, setValue] = useState('');

  const replace = async (event: FormEvent) => {
    event.preventDefault();
    if (await onReplace(value)) {
      setValue('');
      setEditing('none');
    }
  };

  return (
    <tr data-testid="secret-row">
      <td>
        <div className="secret-name">{secret.name}</div>
        <code className="muted">{`{{secrets.${secret.name}}}`}</code>
      </td>
      <td>{dateTime(secret.updatedAt)}</td>
      <td className="row-actions">
        {editing === 'replace' ? (
          <form className="inline-edit" onSubmit={replace}>
            <input
              type="password"
              autoComplete="new-password"
              aria-label={`New value for ${secret.name}`}
              placeholder="new value"
              required
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
            <button type="submit" className="button button-small button-primary">
              Save
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing('none')}>
              Cancel
            </button>
          </form>
        ) : editing === 'delete' ? (
          <span className="confirm-inline">
            Delete {secret.name}? Flows that use it will take the error exit.
            <button type="button" className="button button-small button-danger" onClick={() => void onDelete()}>
              Delete
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setEditing('none')}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="button button-small" onClick={() => setEditing('replace')}>
              Replace value
            </button>
            <button type="button" className="button button-small button-ghost button-danger-text" onClick={() => setEditing('delete')}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
