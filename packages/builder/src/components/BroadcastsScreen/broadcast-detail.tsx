import { useCallback, useEffect, useState } from 'react';
import type { Broadcast, BroadcastCounts, Recipient } from '../../api/broadcasts-api';
import { dateTime } from '../../business/date-time';
import { useBroadcastProgress } from '../../hooks/use-broadcast-progress';
import { useBusinessApi } from '../../hooks/use-business-api';
import { businessHref } from '../../hooks/use-business-route';
import { toasts } from '../../notifications/toasts';
import { statusBadge } from './status-badge';

const COUNTS: { key: keyof BroadcastCounts; label: string }[] = [
  { key: 'queued', label: 'Queued' },
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'read', label: 'Read' },
  { key: 'replied', label: 'Replied' },
  { key: 'failed', label: 'Failed' },
  { key: 'skipped', label: 'Skipped' },
];

/** One broadcast: its progress live, each recipient's outcome, and a cancel while it has not finished. */
export function BroadcastDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { broadcasts } = useBusinessApi();
  const [broadcast, setBroadcast] = useState<Broadcast>();
  const [recipients, setRecipients] = useState<Recipient[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const [found, outcomes] = await Promise.all([broadcasts.get(id), broadcasts.recipients(id)]);
      setBroadcast(found);
      setRecipients(outcomes);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [broadcasts, id]);
  useEffect(() => {
    void load();
  }, [load]);
  const progress = useBroadcastProgress(id, broadcast);
  const counts = progress?.counts;
  const status = progress?.status ?? broadcast?.status;
  // The outcome list follows the counts: read again whenever they move.
  const countsKey = JSON.stringify(counts ?? {});
  useEffect(() => {
    if (countsKey === '{}') return;
    broadcasts.recipients(id).then(setRecipients, () => undefined);
  }, [countsKey, broadcasts, id]);

  const cancel = async () => {
    try {
      await broadcasts.cancel(id);
      toasts.show('success', 'Broadcast cancelled');
      onChanged();
      await load();
    } catch (caught) {
      toasts.show('error', caught instanceof Error ? caught.message : String(caught));
    }
  };

  if (error) return <p className="error-box">Could not load the broadcast: {error}</p>;
  if (!broadcast) return <p className="muted">Loading…</p>;
  return (
    <main className="business-main broadcasts">
      <a href={businessHref({ page: 'broadcasts' })}>← All broadcasts</a>
      <div className="business-head">
        <div>
          <h1>{broadcast.name}</h1>
          <p className="muted">
            <code>{broadcast.template.name}</code> to {(broadcast.audience.tags ?? []).join(', ')} at {broadcast.ratePerSecond}/s, from{' '}
            {dateTime(broadcast.startAt)}
            {broadcast.flowId ? `; replies start ${broadcast.flowId}` : ''}
          </p>
        </div>
        <div className="broadcast-actions">
          {status ? (
            <span className={`badge ${statusBadge[status]}`} data-testid="broadcast-status">
              {status}
            </span>
          ) : null}
          {status === 'scheduled' || status === 'sending' ? (
            <button type="button" className="button button-ghost" onClick={() => void cancel()}>
              Cancel broadcast
            </button>
          ) : null}
        </div>
      </div>
      <ul className="broadcast-counts" aria-label="Progress">
        {COUNTS.map(({ key, label }) => (
          <li key={key} data-testid={`count-${key}`}>
            <strong>{counts?.[key] ?? 0}</strong> {label}
          </li>
        ))}
      </ul>
      <table className="data-table">
        <thead>
          <tr>
            <th>Contact</th>
            <th>Outcome</th>
            <th>Sent</th>
            <th>Replied</th>
          </tr>
        </thead>
        <tbody>
          {(recipients ?? []).map((recipient) => (
            <tr key={recipient.contactId} data-testid="recipient-row">
              <td>{recipient.name ?? recipient.contactId}</td>
              <td>
                {recipient.status}
                {recipient.error ? (
                  <span className="muted">
                    {' '}
                    ({recipient.error.reason}
                    {recipient.error.code ? `, code ${recipient.error.code}` : ''})
                  </span>
                ) : null}
              </td>
              <td>{recipient.sentAt ? dateTime(recipient.sentAt) : ''}</td>
              <td>{recipient.repliedAt ? dateTime(recipient.repliedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
