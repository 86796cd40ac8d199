import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { SimulatorSession, type SimulatorState } from '../simulator/simulator-session';
import { useApi } from './use-api';

/** A simulator session on the server's web channel, closed when the panel goes away. */
export function useSimulator(): { session: SimulatorSession; state: SimulatorState } {
  const { simulator } = useApi();
  const session = useMemo(() => new SimulatorSession(simulator), [simulator]);
  useEffect(() => () => session.close(), [session]);
  const state = useSyncExternalStore(session.subscribe, session.getState);
  return { session, state };
}
