import { useCallback, useMemo, useState } from 'react';
import { ApiClient } from '../../api/api-client';
import { flowsApi } from '../../api/flows-api';
import { simulatorApi } from '../../api/simulator-api';
import { tokenStore } from '../../api/token-store';
import { type Api, ApiContext } from '../../hooks/use-api';
import { useBusinessRoute } from '../../hooks/use-business-route';
import { useHashRoute } from '../../hooks/use-hash-route';
import { runsWorkspace, useSessionUser } from '../../hooks/use-session-user';
import { BusinessScreens } from '../BusinessScreens';
import { EditorPage } from '../EditorPage';
import { FlowList } from '../FlowList';
import { LoginScreen } from '../LoginScreen';
import { Toasts } from '../Toasts';

/** Asks for the admin token once, then shows the page the address names. */
export function App() {
  const [token, setToken] = useState(tokenStore.get);
  const [notice, setNotice] = useState<string>();
  const signOut = useCallback((why?: string) => {
    tokenStore.clear();
    setToken(undefined);
    setNotice(why);
  }, []);
  const api = useMemo<Api | undefined>(() => {
    if (!token) return undefined;
    const client = new ApiClient(token, () => signOut('The server did not accept the token. Please sign in again.'));
    return { client, flows: flowsApi(client), simulator: simulatorApi(client) };
  }, [token, signOut]);
  const route = useHashRoute();
  const businessRoute = useBusinessRoute();
  const user = useSessionUser(token);

  if (!api) {
    return (
      <>
        <LoginScreen
          notice={notice}
          onSignedIn={(accepted) => {
            tokenStore.set(accepted);
            setToken(accepted);
            setNotice(undefined);
          }}
        />
        <Toasts />
      </>
    );
  }
  return (
    <ApiContext.Provider value={api}>
      {businessRoute || !runsWorkspace(user) ? (
        <BusinessScreens route={businessRoute} onSignOut={() => signOut()} />
      ) : route.page === 'flows' ? (
        <FlowList onSignOut={() => signOut()} />
      ) : (
        <EditorPage key={`${route.flowId}/${route.page === 'version' ? route.version : 'draft'}`} route={route} />
      )}
      <Toasts />
    </ApiContext.Provider>
  );
}
