import { SECRET_NAME } from '@chatflow/engine';
import { type FormEvent, useState } from 'react';
import { useAutoFocus } from '../../hooks/use-auto-focus';

interface NewSecretFormProps {
  /** Whether a secret of this name is stored already (then "replace" on its row is the way). */
  taken: (name: string) => boolean;
  onCreate: (name: string, value: string) => Promise<void>;
  onCancel: () => void;
}

/** Adds a secret: a name the http node can refer to and a value that is only ever sent. */
export function NewSecretForm({ taken, onCreate, onCancel }: NewSecretFormProps) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const first = useAutoFocus<HTMLInputElement>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!SECRET_NAME.test(name))
      return setError('A name is upper-case letters, digits and _, starting with a letter (at most 64), e.g. SHOP_API_KEY.');
    if (taken(name)) return setError(`${name} exists already: replace its value in the list.`);
    if (!value) return setError('Enter the value.');
    setSaving(true);
    setError(undefined);
    try {
      await onCreate(name, value);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="new-secret" onSubmit={submit} aria-label="New secret">
      <div className="new-secret-grid">
        <label>
          Name
          <input
            ref={first}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            placeholder="SHOP_API_KEY"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label>
          Value
          <input type="password" autoComplete="new-password" value={value} onChange={(event) => setValue(event.target.value)} required />
        </label>
      </div>
      {name && SECRET_NAME.test(name) ? (
        <p className="muted">
          Use it in an http node as <code>{`{{secrets.${name}}}`}</code>
        </p>
      ) : null}
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      <div className="new-secret-actions">
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Add secret'}
        </button>
      </div>
    </form>
  );
}
