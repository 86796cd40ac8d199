import { useCallback, useEffect, useState } from 'react';
import type { Broadcast } from '../../api/broadcasts-api';
import { dateTime } from '../../business/date-time';
import { useBusinessApi } from '../../hooks/use-business-api';
import { businessHref, navigateBusiness } from '../../hooks/use-business-route';
import { toasts } from '../../notifications/toasts';
import { BroadcastDetail } from './broadcast-detail';
import { NewBroadcastForm } from './new-broadcast-form';
import { statusBadge } from './status-badge';
import './style.css';

/** Broadcasts: an approved template to the contacts of some tags, paced, with live progress and each recipient's outcome. */
export function BroadcastsScreen({ broadcastId }: { broadcastId: string | undefined }) {
  const { broadcasts } = useBusinessApi();
  const [list, setList] = useState<Broadcast[]>();
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const load = useCallback(
    () =>
      broadcasts.list().then(
        (found) => {
          setList(found);
          setError(undefined);
        },
        (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
      ),
    [broadcasts],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (broadcastId) return <BroadcastDetail id={broadcastId} onChanged={() => void load()} />;
  return (
    <main className="business-main broadcasts">
      <div className="business-head">
        <div>
          <h1>Broadcasts</h1>
          <p className="muted">
            Send an approved template to the contacts of a tag. Only contacts who opted in and are neither blocked nor opted out get it;
            that is checked as each message goes out. A reply starts the flow you choose.
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)} disabled={adding}>
          + New broadcast
        </button>
      </div>
      {adding ? (
        <NewBroadcastForm
          onCancel={() => setAdding(false)}
          onSubmit={async (input) => {
            const { id } = await broadcasts.create(input);
            toasts.show('success', `Broadcast ${input.name} scheduled`);
            setAdding(false);
            await load();
            navigateBusiness({ page: 'broadcasts', id });
          }}
        />
      ) : null}
      {error ? <p className="error-box">Could not load the broadcasts: {error}</p> : null}
      {list === undefined && !error ? <p className="muted">Loading…</p> : null}
      {list?.length === 0 && !adding ? (
        <div className="business-empty">
          <p>No broadcasts yet.</p>
          <p className="muted">Sync your templates first, tag your contacts, then create one.</p>
        </div>
      ) : null}
      {list && list.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Template</th>
              <th>Audience</th>
              <th>Starts</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {list.map((broadcast) => (
              <tr key={broadcast.id} data-testid="broadcast-row">
                <td>
                  <a href={businessHref({ page: 'broadcasts', id: broadcast.id })}>{broadcast.name}</a>
                </td>
                <td>
                  <code>{broadcast.template.name}</code>
                </td>
                <td>{(broadcast.audience.tags ?? []).join(', ')}</td>
                <td>{dateTime(broadcast.startAt)}</td>
                <td>
                  <span className={`badge ${statusBadge[broadcast.status]}`}>{broadcast.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
