import { useState } from 'react';
import { useSecrets } from '../../hooks/use-secrets';
import { toasts } from '../../notifications/toasts';
import { withToast } from '../../notifications/with-toast';
import { NewSecretForm } from './new-secret-form';
import { SecretRow } from './secret-row';
import './style.css';

/** API keys and passwords the http node sends as `{{secrets.NAME}}`: names are listed, values never come back. */
export function SecretsScreen() {
  const secrets = useSecrets();
  const [adding, setAdding] = useState(false);
  return (
    <main className="business-main secrets">
      <div className="business-head">
        <div>
          <h1>Secrets</h1>
          <p className="muted">
            Write <code>{'{{secrets.NAME}}'}</code> in an http node's URL, headers or body; the server fills in the value when it sends the
            request and masks it everywhere else. A stored value is never shown again.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)} disabled={adding}>
          + New secret
        </button>
      </div>
      {adding ? (
        <NewSecretForm
          taken={(name) => secrets.list?.some((secret) => secret.name === name) ?? false}
          onCancel={() => setAdding(false)}
          onCreate={async (name, value) => {
            await secrets.put(name, value);
            toasts.show('success', `Saved ${name}`);
            setAdding(false);
          }}
        />
      ) : null}
      {secrets.error ? <p className="error-box">Could not load the secrets: {secrets.error}</p> : null}
      {secrets.list === undefined && !secrets.error ? <p className="muted">Loading…</p> : null}
      {secrets.list?.length === 0 ? (
        <div className="business-empty">
          <p>No secrets yet.</p>
          <p className="muted">Add the API keys your flows send to other services.</p>
        </div>
      ) : null}
      {secrets.list && secrets.list.length > 0 ? (
        <table className="data-table secrets-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {secrets.list.map((secret) => (
              <SecretRow
                key={secret.name}
                secret={secret}
                onReplace={(value) => withToast(`Replaced the value of ${secret.name}`, () => secrets.put(secret.name, value))}
                onDelete={() => withToast(`Deleted ${secret.name}`, () => secrets.remove(secret.name))}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
