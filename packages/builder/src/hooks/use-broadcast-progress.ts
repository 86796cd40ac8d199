import { useEffect, useState } from 'react';
import type { Broadcast } from '../api/broadcasts-api';
import { TicketedEventSource } from '../api/ticketed-event-source';
import { useBusinessApi } from './use-business-api';

type Progress = Pick<Broadcast, 'status' | 'counts'>;

/**
 * A broadcast's status and counts, live: the server's `progress` events (sent whenever they
 * change, as status webhooks come in) over a stream that reconnects by itself.
 */
export function useBroadcastProgress(id: string, initial: Progress | undefined): Progress | undefined {
  const { broadcasts } = useBusinessApi();
  const [progress, setProgress] = useState<Progress | undefined>(initial);
  useEffect(() => setProgress(initial), [initial]);
  useEffect(() => {
    const source = new TicketedEventSource(() => broadcasts.eventsUrl(id));
    source.addEventListener('progress', (message) => {
      try {
        setProgress(JSON.parse((message as MessageEvent<string>).data) as Progress);
      } catch {
        // A malformed event is dropped; the next one brings the counts up to date.
      }
    });
    return () => source.close();
  }, [broadcasts, id]);
  return progress;
}
