import { SECRET_NAME } from '@chatflow/engine';
import { useState } from 'react';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormActions } from '../FormActions';

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
  const first = useAutoFocus<HTMLInputElement>();
  const form = useFormSubmit(
    () => {
      if (!SECRET_NAME.test(name))
        return 'A name is upper-case letters, digits and _, starting with a letter (at most 64), e.g. SHOP_API_KEY.';
      if (taken(name)) return `${name} exists already: replace its value in the list.`;
      return value ? undefined : 'Enter the value.';
    },
    () => onCreate(name, value),
  );

  return (
    <form className="new-secret" onSubmit={form.onSubmit} aria-label="New secret">
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
      <FormActions form={form} submit="Add secret" busy="Saving…" onCancel={onCancel} className="new-secret-actions" />
    </form>
  );
}
