import { useEffect, useRef, useState } from 'react';
import { INBOX_EVENT_TYPES, type InboxEvent } from '../api/inbox-api';
import { useBusinessApi } from './use-business-api';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Listens to the inbox's server-sent events (conversations waiting, messages, take-overs, hand-backs,
 * the bot answering after one) and calls `onEvent` for each. EventSource reconnects by itself; the state says whether the list
 * is live right now.
 */
export function useInboxEvents(onEvent: (event: InboxEvent) => void): LiveState {
  const { inbox } = useBusinessApi();
  const [state, setState] = useState<LiveState>('connecting');
  // The latest callback, so a new closure each render does not reopen the stream.
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const source = new EventSource(inbox.eventsUrl());
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    const listeners = INBOX_EVENT_TYPES.map((type) => {
      const listener = (message: MessageEvent<string>) => {
        try {
          handler.current({ ...(JSON.parse(message.data) as object), type } as InboxEvent);
        } catch {
          // A malformed event is dropped; the next one (or a reload) brings the list up to date.
        }
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [inbox]);

  return state;
}
