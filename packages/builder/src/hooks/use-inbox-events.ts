import { useEffect, useRef, useState } from 'react';
import { INBOX_EVENT_TYPES, type InboxEvent } from '../api/inbox-api';
import { TicketedEventSource } from '../api/ticketed-event-source';
import { useBusinessApi } from './use-business-api';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Listens to the inbox's server-sent events (conversations waiting, messages, take-overs, hand-backs,
 * the bot answering after one) and calls `onEvent` for each. The stream reconnects by itself; the state says whether the list
 * is live right now.
 */
export function useInboxEvents(onEvent: (event: InboxEvent) => void): LiveState {
  const { inbox } = useBusinessApi();
  const [state, setState] = useState<LiveState>('connecting');
  // The latest callback, so a new closure each render does not reopen the stream.
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const source = new TicketedEventSource(inbox.eventsUrl);
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    for (const type of INBOX_EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        try {
          handler.current({ ...(JSON.parse((message as MessageEvent<string>).data) as object), type } as InboxEvent);
        } catch {
          // A malformed event is dropped; the next one (or a reload) brings the list up to date.
        }
      });
    }
    return () => source.close();
  }, [inbox]);

  return state;
}
