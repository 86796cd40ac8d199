import { type FormEvent, useState } from 'react';
import { ApiClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { sessionUser } from '../../api/session-user';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { UserLoginForm } from '../UserLoginForm';
import './style.css';

interface LoginScreenProps {
  notice?: string | undefined;
  onSignedIn: (token: string) => void;
}

/** Asks for the admin token the API needs, and checks it with the server before keeping it. */
export function LoginScreen({ notice, onSignedIn }: LoginScreenProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);
  // Whoever signed in with e-mail before (an agent, most often) gets that form again.
  const [withPassword, setWithPassword] = useState(() => sessionUser.raw() !== null);
  const input = useAutoFocus<HTMLInputElement>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) return setError('Enter the admin token.');
    setChecking(true);
    setError(undefined);
    try {
      await new ApiClient(candidate).get('/api/flows');
      onSignedIn(candidate);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'That token was not accepted. Check the ADMIN_TOKEN the server was started with.'
          : `Could not reach the server: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    } finally {
      setChecking(false);
    }
  };

  if (withPassword) {
    return (
      <main className="login">
        <UserLoginForm notice={notice} onSignedIn={onSignedIn} onUseToken={() => setWithPassword(false)} />
      </main>
    );
  }
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit}>
        <div className="login-brand">
          <span className="login-logo">💬</span>
          <div>
            <h1>Chatflow</h1>
            <p>Build and test WhatsApp chatbots</p>
          </div>
        </div>
        {notice ? <p className="login-notice">{notice}</p> : null}
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="Paste the admin token"
          ref={input}
        />
        <p className="login-hint">
          The token is the <code>ADMIN_TOKEN</code> the server was started with. It stays in this browser until you sign out.
        </p>
        {error ? (
          <p className="login-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="button button-ghost" onClick={() => setWithPassword(true)}>
          Sign in with e-mail and password
        </button>
      </form>
    </main>
  );
}
