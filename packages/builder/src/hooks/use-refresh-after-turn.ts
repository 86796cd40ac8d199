import { useCallback, useEffect, useRef } from 'react';

/** When to look again after handing a conversation back: the bot's turn runs after the request answers. */
const DELAYS_MS = [300, 1000, 3000];

/**
 * Runs a refresh a few times over the next seconds. Handing back answers 202 before the bot has
 * taken its turn, and no live event says when it has, so the queue and the open conversation are
 * fetched again until they show the bot in charge. Pending refreshes stop when the screen goes
 * (after signing out, a late request with the old token would be refused and sign out the next person).
 */
export function useRefreshAfterTurn(): (refresh: () => void) => void {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(
    () => () => {
      for (const timer of timers.current) clearTimeout(timer);
    },
    [],
  );
  return useCallback((refresh: () => void) => {
    timers.current = [...timers.current, ...DELAYS_MS.map((delay) => setTimeout(refresh, delay))];
  }, []);
}
