import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { login } from '../../api/auth-api';
import { sessionUser } from '../../api/session-user';
import { useAutoFocus } from '../../hooks/use-auto-focus';

interface UserLoginFormProps {
  notice?: string | undefined;
  onSignedIn: (token: string) => void;
  /** Switches to signing in with the ADMIN_TOKEN. */
  onUseToken: () => void;
}

/** Signs an agent or admin in with e-mail and password; the role they have decides the screens. */
export function UserLoginForm({ notice, onSignedIn, onUseToken }: UserLoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);
  const first = useAutoFocus<HTMLInputElement>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return setError('Enter your e-mail and password.');
    setChecking(true);
    setError(undefined);
    try {
      const session = await login(email.trim(), password);
      sessionUser.set(session.token, session.user);
      onSignedIn(session.token);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'Wrong e-mail or password.'
          : caught instanceof ApiError && caught.status === 429
            ? 'Too many attempts. Wait a few minutes and try again.'
            : `Could not sign in: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    } finally {
      setChecking(false);
    }
  };

  return (
    <form className="login-card" onSubmit={submit}>
      <div className="login-brand">
        <span className="login-logo">💬</span>
        <div>
          <h1>Chatflow</h1>
          <p>Build WhatsApp chatbots and answer customers</p>
        </div>
      </div>
      {notice ? <p className="login-notice">{notice}</p> : null}
      <label htmlFor="login-email">E-mail</label>
      <input
        ref={first}
        id="login-email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor="login-password">Password</label>
      <input
        id="login-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      {error ? (
        <p className="login-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={checking}>
        {checking ? 'Signing in…' : 'Sign in'}
      </button>
      <button type="button" className="button button-ghost" onClick={onUseToken}>
        Use the admin token instead
      </button>
    </form>
  );
}
